/// A single-precision matrix multiply: `C = A * B`, or `C += A * B` when `accumulate`.
///
/// Every matrix is row-major with a leading dimension: element `(i, j)` of a
/// matrix `X` with leading dimension `ldX` is `X[i * ldX + j]`.
/// - `a` is `(m, k)`, `lda >= k`
/// - `b` is `(k, n)`, `ldb >= n`
/// - `c` is `(m, n)`, `ldc >= n`; with `accumulate == false` its old values are
///   never read (they may be garbage or NaN).
///
/// In the network, `A` is the NHWC activation map seen as `(pixels, channels)`,
/// `B` the HWIO weights seen as `(kh*kw*cin, cout)`, `C` the output map.
public protocol GEMM: Sendable {
    /// Short name shown by the tests and `explore bench`: "naive", "fast".
    var name: String { get }

    func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    )
}

extension GEMM {
    /// `A * B` for dense row-major arrays (`a.count == m*k`, `b.count == k*n`).
    public func multiply(m: Int, n: Int, k: Int, a: [Float], b: [Float]) -> [Float] {
        precondition(a.count == m * k && b.count == k * n, "A must hold m*k and B k*n scalars")
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let cBase = c.baseAddress else { return }
                    // Empty arrays have no base address; any pointer is fine when m*k or k*n is 0.
                    let aBase = a.baseAddress ?? UnsafePointer(cBase)
                    let bBase = b.baseAddress ?? UnsafePointer(cBase)
                    multiply(m: m, n: n, k: k, a: aBase, lda: k, b: bBase, ldb: n, c: cBase, ldc: n, accumulate: false)
                }
            }
        }
        return c
    }
}
