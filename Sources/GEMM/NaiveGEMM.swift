/// The triple loop, kept forever as the oracle the fast kernels are tested against.
///
/// Each `C[i][j]` is one float32 dot product summed in `p` order, so its rounding
/// is easy to reason about.
public struct NaiveGEMM: GEMM {
    public let name = "naive"

    public init() {}

    public func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = accumulate ? c[i * ldc + j] : 0
                for p in 0..<k {
                    sum += a[i * lda + p] * b[p * ldb + j]
                }
                c[i * ldc + j] = sum
            }
        }
    }
}
