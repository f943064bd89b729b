/// A single-precision matrix multiply: `C = A * B`, or `C += A * B` when `accumulate`
/// (the operands: `GEMMOperands`).
///
/// In the network, `A` is the NHWC activation map seen as `(pixels, channels)`,
/// `B` the HWIO weights seen as `(kh*kw*cin, cout)`, `C` the output map.
public protocol GEMM: Sendable {
    /// Short name shown by the tests and `explore bench`: "naive", "fast".
    var name: String { get }

    /// Computes the product `operands` describe into their `c`.
    func multiply(_ operands: GEMMOperands)
}

/// The operands of one multiply, row-major with leading dimensions: element `(i, j)` of a
/// matrix `X` with leading dimension `ldX` is `X[i * ldX + j]`.
/// - `a` is `(m, k)`, `lda >= k`
/// - `b` is `(k, n)`, `ldb >= n`
/// - `c` is `(m, n)`, `ldc >= n`; with `accumulate == false` its old values are
///   never read (they may be garbage or NaN).
public struct GEMMOperands {
    public let m: Int, n: Int, k: Int
    public let a: UnsafePointer<Float>, lda: Int
    public let b: UnsafePointer<Float>, ldb: Int
    public let c: UnsafeMutablePointer<Float>, ldc: Int
    public let accumulate: Bool
}

extension GEMM {
    /// `C = A * B` (`C += A * B` when `accumulate`) for the operands named one by one.
    public func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        multiply(GEMMOperands(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate))
    }

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
