import GEMM
import TestSupport
import Testing

/// Shapes that reach every edge of the blocking: 1s, odd sizes, sizes just off
/// multiples of mr = 6 and nr = 16, K across the kc = 512 block edge (and 256), M across
/// the mc = 144 block edge and the in-place limit (320 rows), a thin B (at most 4 panels)
/// over several row blocks and K blocks with an edge panel and edge rows, or with whole
/// panels only (its row tiles go across the panels in one call), and the network's own
/// shapes.
let edgeShapes: [(m: Int, n: Int, k: Int)] = [
    (1, 1, 1), (1, 17, 1), (7, 1, 5), (6, 16, 256), (5, 15, 257), (13, 33, 300),
    (12, 32, 512), (145, 17, 600), (289, 32, 320), (9, 200, 2080), (64, 192, 1088),
    (300, 40, 3), (150, 40, 1030), (1000, 50, 27), (150, 48, 100), (2, 130, 700),
    (320, 70, 600), (321, 70, 600), (401, 40, 1030), (700, 64, 288), (401, 48, 1030),
]

/// Every kernel of `GEMMKernels.all`, plus the fast kernel forced to 1 and 3 threads and
/// packing A even when M fits one row block, and every other tile code this CPU can run
/// (AVX2 + FMA where AVX-512 is selected; the portable one, what a CPU without AVX2/FMA
/// runs) on both row-block paths.
let kernelsUnderTest: [any GEMM] =
    GEMMKernels.all + [FastGEMM(threads: 1), FastGEMM(threads: 3), FastGEMM(packsSingleBlockA: true)]
    + TileCode.available.filter { $0 != .selected }.flatMap { code in
        [FastGEMM(tileCode: code), FastGEMM(threads: 1, packsSingleBlockA: true, tileCode: code)] as [any GEMM]
    }

@Suite("Every GEMM kernel against a float64 reference")
struct GEMMKernelTests {
    @Test("C = A*B on edge shapes", arguments: edgeShapes.indices)
    func edgeShape(index: Int) {
        let (m, n, k) = edgeShapes[index]
        expectAgreement(kernelsUnderTest, m: m, n: n, k: k, seed: UInt64(index) + 1) { kernel in
            "\(kernel.name) (threads \((kernel as? FastGEMM)?.threads ?? 1)) \(m)x\(n)x\(k)"
        }
    }

    @Test("C += A*B with leading dimensions wider than the matrices")
    func accumulateStrided() {
        let (m, n, k) = (23, 37, 301)
        let lda = k + 3
        let ldb = n + 5
        let ldc = n + 2
        var random = SeededFloats(seed: 99)
        let a = random.array(m * lda)
        let b = random.array(k * ldb)
        let c0 = random.array(m * ldc)
        for kernel in kernelsUnderTest {
            var c = c0
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        kernel.multiply(
                            m: m, n: n, k: k, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
                            c: c.baseAddress!, ldc: ldc, accumulate: true)
                    }
                }
            }
            let violation = firstViolation(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c0: c0, c: c, ldc: ldc)
            #expect(violation == nil, "\(kernel.name): \(violation ?? "")")
            // Padding columns of C (j >= n) must be untouched.
            for i in 0..<m {
                for j in n..<ldc { #expect(c[i * ldc + j] == c0[i * ldc + j], "\(kernel.name) wrote C[\(i)][\(j)] outside the matrix") }
            }
        }
    }

    @Test("K = 0 gives zeros, and accumulate leaves C alone")
    func emptyK() {
        for kernel in kernelsUnderTest {
            #expect(kernel.multiply(m: 3, n: 4, k: 0, a: [], b: []) == [Float](repeating: 0, count: 12), "\(kernel.name)")
        }
    }

    @Test("A hand-worked 2x2 product")
    func handWorked() {
        // [1 2; 3 4] * [5 6; 7 8] = [19 22; 43 50]
        for kernel in kernelsUnderTest {
            #expect(kernel.multiply(m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8]) == [19, 22, 43, 50], "\(kernel.name)")
        }
    }

    @Test("Every height of the last row tile, 1 to 6, with A read in place", arguments: 1...12)
    func everyEdgeHeight(m: Int) {
        // One row block (M <= 144), so the in-place kernel runs; M = 7 ... 12 end on a
        // tile of 1 ... 6 rows, which multiplies only its own rows.
        expectAgreement([FastGEMM(threads: 1), FastGEMM(threads: 2)], m: m, n: 40, k: 37, seed: UInt64(m)) { kernel in
            "M = \(m), \((kernel as? FastGEMM)?.threads ?? 1) threads"
        }
    }

    @Test("The fast kernel agrees with the naive oracle element by element")
    func fastAgreesWithNaive() {
        let (m, n, k) = (77, 65, 513)
        var random = SeededFloats(seed: 7)
        let a = random.array(m * k)
        let b = random.array(k * n)
        let naive = NaiveGEMM().multiply(m: m, n: n, k: k, a: a, b: b)
        let fast = FastGEMM().multiply(m: m, n: n, k: k, a: a, b: b)
        // Both are within gamma_k * sum|a b| of the exact value, so within twice that of each other.
        for i in 0..<m {
            for j in 0..<n {
                var magnitude = 0.0
                for p in 0..<k { magnitude += abs(Double(a[i * k + p]) * Double(b[p * n + j])) }
                let tolerance = 2 * DotProductBound.tolerance(terms: k, magnitude: magnitude)
                #expect(abs(Double(naive[i * n + j]) - Double(fast[i * n + j])) <= tolerance, "C[\(i)][\(j)]")
            }
        }
    }
}

/// Each kernel's C = A*B, for A and B drawn from `seed`, against the float64 reference;
/// `label` names the kernel in a failure.
private func expectAgreement(_ kernels: [any GEMM], m: Int, n: Int, k: Int, seed: UInt64, label: (any GEMM) -> String) {
    var random = SeededFloats(seed: seed)
    let a = random.array(m * k)
    let b = random.array(k * n)
    for kernel in kernels {
        let c = kernel.multiply(m: m, n: n, k: k, a: a, b: b)
        let violation = firstViolation(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c0: nil, c: c, ldc: n)
        #expect(violation == nil, "\(label(kernel)): \(violation ?? "")")
    }
}
