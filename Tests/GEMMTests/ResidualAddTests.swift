import GEMM
import TestSupport
import Testing

/// Shapes on every path of `FastGEMM`: one row block with A packed (the up projections
/// of Block17 at 160 and Block35 at 160), one row block read in place (Block8's), a thin
/// B over several row blocks (with K cut in blocks, and in one), several packed row
/// blocks (K cut), edge tiles, and no K at all.
private let residualShapes: [(m: Int, n: Int, k: Int)] = [
    (64, 1088, 384), (289, 320, 128), (9, 2080, 448), (401, 40, 1030), (401, 40, 130), (321, 70, 600), (5, 15, 257), (1, 17, 1),
    (3, 4, 0),
]

/// Every thread count and tile code the tests run.
private let threadsAndCodes = [1, 2].flatMap { threads in TileCode.available.map { (threads, $0) } }

/// Shape `index`'s operands, drawn from a generator seeded `seed + index`: A, B packed and
/// the bias, and the generator for what else a test needs.
private func operands(_ index: Int, seed: UInt64) -> (
    m: Int, n: Int, k: Int, a: [Float], b: PackedMatrix, bias: [Float], random: SeededFloats
) {
    let (m, n, k) = residualShapes[index]
    var random = SeededFloats(seed: UInt64(index) + seed)
    let a = random.array(m * k)
    let packed = PackedMatrix.packing(k: k, n: n, scalars: random.array(k * n))
    let bias = random.array(n)
    return (m, n, k, a, packed, bias, random)
}

@Suite("The residual add in the GEMM's write-out")
struct ResidualAddTests {
    @Test("Fused, C equals the product with its bias, then the add, bit for bit", arguments: residualShapes.indices)
    func fusedEqualsTwoPasses(index: Int) {
        let (m, n, k, a, packed, bias, generator) = operands(index, seed: 500)
        var random = generator
        // The shortcut with a wider leading dimension than C, so its rows are found by `ld`.
        let ld = n + 3
        let shortcut = random.array(m * ld)
        for (threads, code) in threadsAndCodes {
            let gemm = FastGEMM(threads: threads, tileCode: code)
            let product = multiply(gemm, m: m, a: a, b: packed, bias: bias, residual: nil)
            for (scale, relu) in [(Float(0.17), true), (Float(1), false)] {
                let fused = multiply(gemm, m: m, a: a, b: packed, bias: bias, residual: (shortcut, ld, scale, relu))
                #expect(fused.allFinite)
                let mismatch = (0..<(m * n)).first { e in
                    let expected = ResidualAdd.combine(shortcut[e / n * ld + e % n], product.c[e], scale: scale, relu: relu)
                    return fused.c[e].bitPattern != expected.bitPattern
                }
                #expect(mismatch == nil, "\(m)x\(n)x\(k) threads \(threads) \(code) scale \(scale) relu \(relu): element \(mismatch ?? -1)")
                if relu { #expect(fused.c.allSatisfy { $0 >= 0 }) }
            }
        }
    }

    @Test("Written over its shortcut, C equals the add into a map of its own, bit for bit", arguments: residualShapes.indices)
    func writtenOverTheShortcut(index: Int) {
        let (m, n, k, a, packed, bias, generator) = operands(index, seed: 600)
        var random = generator
        let shortcut = random.array(m * n)
        for (threads, code) in threadsAndCodes {
            let gemm = FastGEMM(threads: threads, tileCode: code)
            let expected = multiply(gemm, m: m, a: a, b: packed, bias: bias, residual: (shortcut, n, 0.17, true))
            var map = shortcut
            let allFinite = a.withUnsafeBufferPointer { a in
                bias.withUnsafeBufferPointer { bias in
                    map.withUnsafeMutableBufferPointer { map in
                        gemm.multiply(
                            m: m, a: a.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!, lda: k, b: packed,
                            c: map.baseAddress!, ldc: n, bias: bias.baseAddress,
                            residual: ResidualAdd(shortcut: map.baseAddress!, ld: n, scale: 0.17, relu: true))
                    }
                }
            }
            #expect(allFinite == expected.allFinite)
            let mismatch = map.indices.first { map[$0].bitPattern != expected.c[$0].bitPattern }
            #expect(mismatch == nil, "\(m)x\(n)x\(k) threads \(threads) \(code): element \(mismatch ?? -1)")
        }
    }

    @Test("An infinity in the shortcut is reported, in a whole tile and in an edge tile")
    func nonFiniteShortcut() {
        let (m, n, k) = (64, 200, 384)
        var random = SeededFloats(seed: 77)
        let a = random.array(m * k)
        let packed = PackedMatrix.packing(k: k, n: n, scalars: random.array(k * n))
        let bias = random.array(n)
        // Row 0, column 0: a whole tile. Row 63 (rows 60-63: an edge tile), column 199 (an edge panel).
        for position in [0, 63 * n + 199] {
            var shortcut = random.array(m * n)
            shortcut[position] = .infinity
            let fused = multiply(FastGEMM(threads: 2), m: m, a: a, b: packed, bias: bias, residual: (shortcut, n, 0.5, true))
            #expect(!fused.allFinite, "infinity at \(position) not reported")
            #expect(fused.c[position] == .infinity)
        }
    }

    private func multiply(
        _ gemm: FastGEMM, m: Int, a: [Float], b: PackedMatrix, bias: [Float],
        residual: (shortcut: [Float], ld: Int, scale: Float, relu: Bool)?
    ) -> (c: [Float], allFinite: Bool) {
        var c = [Float](repeating: .nan, count: m * b.n)  // never read: no accumulate
        let allFinite = a.withUnsafeBufferPointer { a in
            bias.withUnsafeBufferPointer { bias in
                c.withUnsafeMutableBufferPointer { c in
                    let pointer = a.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
                    guard let residual else {
                        return gemm.multiply(m: m, a: pointer, lda: b.k, b: b, c: c.baseAddress!, ldc: b.n, bias: bias.baseAddress)
                    }
                    return residual.shortcut.withUnsafeBufferPointer { shortcut in
                        gemm.multiply(
                            m: m, a: pointer, lda: b.k, b: b, c: c.baseAddress!, ldc: b.n, bias: bias.baseAddress,
                            residual: ResidualAdd(shortcut: shortcut.baseAddress!, ld: residual.ld, scale: residual.scale, relu: residual.relu))
                    }
                }
            }
        }
        return (c, allFinite)
    }
}
