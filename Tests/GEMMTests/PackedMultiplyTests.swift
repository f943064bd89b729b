import GEMM
import TestSupport
import Testing

@Suite("Prepacked B with the fused bias and ReLU write-out")
struct PackedMultiplyTests {
    @Test("Packing round-trips, including zero-padded panels and K blocks")
    func roundTrip() {
        for (k, n) in [(1, 1), (3, 17), (257, 40), (600, 16), (5, 2080)] {
            var random = SeededFloats(seed: UInt64(k * 10_000 + n))
            let b = random.array(k * n)
            #expect(PackedMatrix.packing(k: k, n: n, scalars: b).unpacked == b, "k \(k) n \(n)")
        }
    }

    @Test(
        "C = relu(A*B + bias) and C = A*B + bias",
        arguments: [(9, 200, 2080), (64, 192, 1088), (150, 33, 300), (1, 5, 7), (400, 48, 27)])
    func biasAndRelu(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var random = SeededFloats(seed: UInt64(m * 31 + n * 7 + k))
        let a = random.array(m * k)
        let b = random.array(k * n)
        let bias = random.array(n)
        let packed = PackedMatrix.packing(k: k, n: n, scalars: b)
        for (threads, code) in [1, 2].flatMap({ t in TileCode.available.map { (t, $0) } }) {
            for relu in [false, true] {
                var c = [Float](repeating: .nan, count: m * n)  // never read without accumulate
                a.withUnsafeBufferPointer { a in
                    bias.withUnsafeBufferPointer { bias in
                        c.withUnsafeMutableBufferPointer { c in
                            FastGEMM(threads: threads, tileCode: code).multiply(
                                m: m, a: a.baseAddress!, lda: k, b: packed, c: c.baseAddress!, ldc: n,
                                bias: bias.baseAddress!, relu: relu)
                        }
                    }
                }
                let violation = firstViolation(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c0: nil, c: c, ldc: n, bias: bias, relu: relu)
                #expect(violation == nil, "\(m)x\(n)x\(k) threads \(threads) \(code) relu \(relu): \(violation ?? "")")
                if relu { #expect(c.allSatisfy { $0 >= 0 }) }
            }
        }
    }
}
