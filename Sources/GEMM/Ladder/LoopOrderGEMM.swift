/// Ladder step 3: the naive GEMM's arithmetic in a cache-friendly order. The inner loop
/// runs along a row of B and a row of C (unit stride, which the compiler vectorises)
/// instead of down a column of B, and the loops are blocked so that a block of B's rows
/// (`depthBlock x n`) stays in L2 while `rowBlock` rows of A use it. No packing, no
/// hand-written SIMD, one thread.
public struct LoopOrderGEMM: GEMM {
    public let name = "loop order"
    /// Rows of A (and C) that share one block of B.
    static let rowBlock = 64
    /// Rows of B in one block: 256 x 192 filters x 4 bytes = 192 KiB, inside L2.
    static let depthBlock = 256

    public init() {}

    public func multiply(_ operands: GEMMOperands) {
        let (m, n, k, a, lda, b, ldb, c, ldc) = (
            operands.m, operands.n, operands.k, operands.a, operands.lda, operands.b, operands.ldb, operands.c, operands.ldc
        )
        if !operands.accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        for i0 in stride(from: 0, to: m, by: Self.rowBlock) {
            for p0 in stride(from: 0, to: k, by: Self.depthBlock) {
                for i in i0..<min(m, i0 + Self.rowBlock) {
                    let cRow = c + i * ldc
                    for p in p0..<min(k, p0 + Self.depthBlock) {
                        let scale = a[i * lda + p]
                        let bRow = b + p * ldb
                        for j in 0..<n { cRow[j] += scale * bRow[j] }
                    }
                }
            }
        }
    }
}
