/// The triple loop, kept forever as the oracle the fast kernels are tested against.
///
/// Each `C[i][j]` is one float32 dot product summed in `p` order, so its rounding
/// is easy to reason about.
public struct NaiveGEMM: GEMM {
    public let name = "naive"

    public init() {}

    public func multiply(_ operands: GEMMOperands) {
        let (m, n, k, a, lda, b, ldb, c, ldc) = (
            operands.m, operands.n, operands.k, operands.a, operands.lda, operands.b, operands.ldb, operands.c, operands.ldc
        )
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = operands.accumulate ? c[i * ldc + j] : 0
                for p in 0..<k {
                    sum += a[i * lda + p] * b[p * ldb + j]
                }
                c[i * ldc + j] = sum
            }
        }
    }
}
