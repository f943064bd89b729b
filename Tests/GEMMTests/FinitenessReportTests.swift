import GEMM
import TestSupport
import Testing

/// `FastGEMM.multiply` reports whether every element of C it wrote is finite: the
/// interpreter skips its own search of the output on that word, so the report must
/// be false exactly when C holds a NaN or an infinity, on every path and edge.
@Suite("The fast GEMM reports a non-finite C")
struct FinitenessReportTests {
    /// One row block with A in place (M <= 320), packed row blocks, a thin B (N <= 64), and
    /// edge tiles in both directions (M off multiples of 6, N off multiples of 16); the
    /// last three have whole tiles only (each looked at by the kernel, none read back).
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (9, 200, 70), (64, 40, 300), (289, 33, 50), (400, 70, 600), (401, 17, 27), (7, 5, 3),
        (12, 32, 40), (294, 48, 130), (402, 80, 90),
    ]

    static var gemms: [FastGEMM] {
        [FastGEMM(threads: 1), FastGEMM(threads: 2), FastGEMM(threads: 1, packsSingleBlockA: true)]
            + TileCode.available.filter { $0 != .selected }.map { FastGEMM(threads: 2, tileCode: $0) }
    }

    /// C = A*B + bias (then ReLU), and the report.
    private func multiply(_ gemm: FastGEMM, m: Int, n: Int, k: Int, a: [Float], b: [Float], bias: [Float], relu: Bool) -> (c: [Float], allFinite: Bool) {
        let packed = PackedMatrix.packing(k: k, n: n, scalars: b)
        var c = [Float](repeating: 0, count: m * n)
        let allFinite = a.withUnsafeBufferPointer { a in
            bias.withUnsafeBufferPointer { bias in
                c.withUnsafeMutableBufferPointer { c in
                    gemm.multiply(m: m, a: a.baseAddress!, lda: k, b: packed, c: c.baseAddress!, ldc: n, bias: bias.baseAddress, relu: relu)
                }
            }
        }
        return (c, allFinite)
    }

    @Test("Finite operands: true; one NaN, infinity or overflow anywhere, first or last row or column: false", arguments: shapes.indices)
    func report(index: Int) {
        let (m, n, k) = Self.shapes[index]
        var random = SeededFloats(seed: UInt64(900 + index))
        let (a, b, bias) = (random.array(m * k), random.array(k * n), random.array(n))
        // (what is changed, where): a NaN in A's first or last row reaches a whole row of C
        // (so does one in row 5, the last row of the first tile, which a whole tile's
        // kernel looks at in registers, not the read-back of an edge tile),
        // an infinity in B's last column a whole column (the edge panel), an infinite bias
        // one column, and two huge finite factors overflow (all positive where a ReLU
        // would otherwise clamp them to 0).
        let poisons: [(String, (inout [Float], inout [Float], inout [Float]) -> Void)] = [
            ("none", { _, _, _ in }),
            ("NaN in A's first row", { a, _, _ in a[0] = .nan }),
            ("NaN in A's last row", { a, _, _ in a[(m - 1) * k + k / 2] = .nan }),
            ("NaN in A's row 5", { a, _, _ in a[min(5, m - 1) * k + k / 3] = .nan }),
            ("infinity in B's last column", { _, b, _ in b[(k - 1) * n + n - 1] = .infinity }),
            ("infinity in the bias", { _, _, bias in bias[n / 2] = .infinity }),
            ("overflow", { a, b, _ in (a[(m - 1) * k], b[n - 1]) = (3e38, 3e38) }),
        ]
        for gemm in Self.gemms {
            for (name, poison) in poisons {
                var (a, b, bias) = (a, b, bias)
                poison(&a, &b, &bias)
                for relu in [false, true] {
                    let (c, allFinite) = multiply(gemm, m: m, n: n, k: k, a: a, b: b, bias: bias, relu: relu)
                    let truth = c.allSatisfy(\.isFinite)
                    #expect(allFinite == truth, "\(m)x\(n)x\(k) \(name) relu \(relu) threads \(gemm.threads) \(gemm.tileCode)")
                    #expect(truth == (name == "none"), "\(name) should \(name == "none" ? "not " : "")reach C")
                }
            }
        }
    }

    @Test("K = 0: C is the bias alone, and so is the report")
    func emptyK() {
        for bias: [Float] in [[1, 2, 3], [1, .nan, 3]] {
            let (c, allFinite) = multiply(FastGEMM(threads: 1), m: 2, n: 3, k: 0, a: [0], b: [], bias: bias, relu: false)
            #expect(allFinite == c.allSatisfy(\.isFinite))
            #expect(allFinite == bias.allSatisfy(\.isFinite))
        }
    }
}
