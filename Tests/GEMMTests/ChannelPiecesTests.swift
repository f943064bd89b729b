import GEMM
import TestSupport
import Testing

/// (M, the pieces' widths, N) on every path: one row block packed (Block35's and Block17's
/// up projections at 160), several packed row blocks (Block35's at 299), and the paths
/// that read A in place, where the pieces are joined first (one row block, K 448:
/// Block8's; a thin B over several row blocks); widths whose common divisor is 1 or 3
/// (packing runs of one or three floats), and a single piece.
private let pieceShapes: [(m: Int, widths: [Int], n: Int)] = [
    (289, [32, 32, 64], 320), (64, [192, 192], 1088), (1225, [32, 32, 64], 320), (9, [192, 256], 2080), (401, [16, 24], 40),
    (50, [5, 11, 3], 33), (100, [6, 9], 130), (300, [20], 200),
]

@Suite("A concat's pieces as the GEMM's A")
struct ChannelPiecesTests {
    @Test("The pieces give what their concat gives, bit for bit, into a map of its own and over the shortcut", arguments: pieceShapes.indices)
    func piecesEqualTheirConcat(index: Int) {
        let (m, widths, n) = pieceShapes[index]
        let k = widths.reduce(0, +)
        var random = SeededFloats(seed: UInt64(index) + 900)
        let pieces = widths.map { random.array(m * $0) }
        // The concat, row by row: row i of each piece in turn.
        let joined = (0..<m).flatMap { i in zip(pieces, widths).flatMap { piece, width in piece[(i * width)..<((i + 1) * width)] } }
        let packed = PackedMatrix.packing(k: k, n: n, scalars: random.array(k * n))
        let bias = random.array(n)
        let shortcut = random.array(m * n)
        for (threads, code) in [1, 2].flatMap({ t in TileCode.available.map { (t, $0) } }) {
            let gemm = FastGEMM(threads: threads, tileCode: code)
            var expected = shortcut
            let expectedFinite = joined.withUnsafeBufferPointer { a in
                bias.withUnsafeBufferPointer { bias in
                    expected.withUnsafeMutableBufferPointer { c in
                        gemm.multiply(
                            m: m, a: a.baseAddress!, lda: k, b: packed, c: c.baseAddress!, ldc: n, bias: bias.baseAddress,
                            residual: ResidualAdd(shortcut: c.baseAddress!, ld: n, scale: 0.17, relu: true))
                    }
                }
            }
            for overwriting in [false, true] {
                var c = overwriting ? shortcut : [Float](repeating: .nan, count: m * n)
                let allFinite = withPieces(pieces, widths: widths) { a in
                    bias.withUnsafeBufferPointer { bias in
                        shortcut.withUnsafeBufferPointer { shortcut in
                            c.withUnsafeMutableBufferPointer { c in
                                gemm.multiply(
                                    m: m, pieces: a, b: packed, c: c.baseAddress!, ldc: n, bias: bias.baseAddress,
                                    residual: ResidualAdd(
                                        shortcut: overwriting ? UnsafePointer(c.baseAddress!) : shortcut.baseAddress!, ld: n, scale: 0.17,
                                        relu: true))
                            }
                        }
                    }
                }
                #expect(allFinite == expectedFinite)
                let mismatch = c.indices.first { c[$0].bitPattern != expected[$0].bitPattern }
                #expect(mismatch == nil, "\(m)x\(widths)x\(n) threads \(threads) \(code) overwriting \(overwriting): element \(mismatch ?? -1)")
            }
        }
    }

    /// `body` with the pieces' storage as `ChannelPieces`.
    private func withPieces<R>(_ pieces: [[Float]], widths: [Int], _ body: (ChannelPieces) -> R) -> R {
        var starts: [(start: UnsafePointer<Float>, width: Int)] = []
        func next(_ index: Int) -> R {
            guard index < pieces.count else { return body(ChannelPieces(starts)) }
            return pieces[index].withUnsafeBufferPointer { piece in
                starts.append((piece.baseAddress!, widths[index]))
                return next(index + 1)
            }
        }
        return next(0)
    }
}
