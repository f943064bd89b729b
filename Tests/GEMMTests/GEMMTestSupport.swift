import GEMM

/// The float32 rounding bound of a dot product, named once.
///
/// Summing `n` products in float32, in any order and with or without fused
/// multiply-adds, is off from the exact sum by at most
/// `gamma_n * sum |a_p * b_p|`, `gamma_n = n u / (1 - n u)`, `u = 2^-24`
/// (Higham, "Accuracy and Stability of Numerical Algorithms", 3.1).
/// Checks use this bound against a float64 reference, so a kernel that drops,
/// repeats or misplaces a single term (error ~ |a_p b_p|, far above n u) fails.
enum DotProductBound {
    static let unitRoundoff = 0x1p-24

    /// `gamma_n * magnitude`, with `magnitude = sum |terms|`; `n` counts every term summed.
    static func tolerance(terms n: Int, magnitude: Double) -> Double {
        let nu = Double(max(n, 1)) * unitRoundoff
        return nu / (1 - nu) * magnitude + Double(Float.leastNormalMagnitude)
    }
}

/// The first element of `c` outside the bound, compared with the float64 product
/// `A * B (+ C0)`; nil when every element is within it.
func firstViolation(
    m: Int, n: Int, k: Int, a: [Float], lda: Int, b: [Float], ldb: Int,
    c0: [Float]?, c: [Float], ldc: Int, bias: [Float]? = nil, relu: Bool = false
) -> String? {
    for i in 0..<m {
        for j in 0..<n {
            var exact = 0.0
            var magnitude = 0.0
            for p in 0..<k {
                let term = Double(a[i * lda + p]) * Double(b[p * ldb + j])
                exact += term
                magnitude += abs(term)
            }
            var terms = k
            if let c0 {
                exact += Double(c0[i * ldc + j])
                magnitude += abs(Double(c0[i * ldc + j]))
                terms += 1
            }
            if let bias {
                exact += Double(bias[j])
                magnitude += abs(Double(bias[j]))
                terms += 1
            }
            if relu { exact = max(exact, 0) }
            let got = Double(c[i * ldc + j])
            let tolerance = DotProductBound.tolerance(terms: terms, magnitude: magnitude)
            if !(abs(got - exact) <= tolerance) {
                return "C[\(i)][\(j)] = \(got), float64 reference \(exact), |diff| \(abs(got - exact)) > tolerance \(tolerance)"
            }
        }
    }
    return nil
}
