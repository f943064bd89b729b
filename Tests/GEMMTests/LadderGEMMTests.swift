import GEMM
import TestSupport
import Testing

/// The GEMM kernels that exist for the optimisation ladder (steps 3 and 4), held to the
/// same float64 reference and rounding bound as the project's own kernels.
@Suite("Ladder GEMM kernels against a float64 reference")
struct LadderGEMMTests {
    static let kernels: [any GEMM] = [LoopOrderGEMM(), PackedLoopsGEMM()]

    /// The kernel tests' edge shapes, plus M and K across the ladder kernels' own blocks
    /// (64 rows and 256 deep for loop order; mc 144 and kc 512 for packing).
    static let shapes = edgeShapes + [(65, 7, 257), (129, 33, 513), (290, 20, 40)]

    @Test("C = A*B", arguments: shapes.indices)
    func product(index: Int) {
        let (m, n, k) = Self.shapes[index]
        var random = SeededFloats(seed: UInt64(index) + 50)
        let a = random.array(m * k)
        let b = random.array(k * n)
        for kernel in Self.kernels {
            let c = kernel.multiply(m: m, n: n, k: k, a: a, b: b)
            let violation = firstViolation(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c0: nil, c: c, ldc: n)
            #expect(violation == nil, "\(kernel.name) \(m)x\(n)x\(k): \(violation ?? "")")
        }
    }

    @Test("C += A*B with leading dimensions wider than the matrices, padding columns untouched")
    func accumulateStrided() {
        let (m, n, k) = (151, 37, 530)
        let (lda, ldb, ldc) = (k + 3, n + 5, n + 2)
        var random = SeededFloats(seed: 7)
        let a = random.array(m * lda)
        let b = random.array(k * ldb)
        let c0 = random.array(m * ldc)
        for kernel in Self.kernels {
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        kernel.multiply(
                            m: m, n: n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb, c: c.baseAddress!, ldc: ldc, accumulate: true)
                    }
                }
            }
            let violation = firstViolation(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c0: c0, c: c, ldc: ldc)
            #expect(violation == nil, "\(kernel.name): \(violation ?? "")")
            for i in 0..<m {
                for j in n..<ldc where c[i * ldc + j] != c0[i * ldc + j] {
                    Issue.record("\(kernel.name) wrote C[\(i)][\(j)] outside the matrix")
                }
            }
        }
    }
}
