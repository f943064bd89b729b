import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// Winograd's F(2x2, 3x3) against a direct 3x3 correlation in float64, worked out here
/// by its definition: `y[oy][ox][j] = b[j] + sum x[oy+ky-top][ox+kx-left][c] w[ky][kx][c][j]`,
/// zeros outside the map.
@Suite("Winograd F(2x2, 3x3) against a direct convolution")
struct WinogradConvolutionTests {
    /// (h, w, cin, cout, pad top, bottom, left, right): SAME and VALID, even and odd
    /// output sides (odd ones crop the last tile), a 3x3 map (one tile, VALID: 1x1 out).
    static let cases: [(h: Int, w: Int, cin: Int, cout: Int, pad: SidePadding)] = [
        (8, 8, 16, 24, SidePadding(top: 1, bottom: 1, left: 1, right: 1)),
        (7, 9, 8, 16, SidePadding(top: 1, bottom: 1, left: 1, right: 1)),
        (9, 7, 24, 8, SidePadding(top: 0, bottom: 0, left: 0, right: 0)),
        (10, 10, 8, 8, SidePadding(top: 0, bottom: 0, left: 0, right: 0)),
        (3, 3, 16, 8, SidePadding(top: 0, bottom: 0, left: 0, right: 0)),
    ]

    @Test("The network's layers that take the Winograd path")
    func networkLayers() throws {
        // From the layer table: every 3x3 stride-1 convolution over 64 channels or more,
        // at both sizes; not the stem's and Block35's, on 32 and 48 channels.
        let expected = [
            "Conv2d_4a_3x3",
            "Mixed_5b/Branch_2/Conv2d_0b_3x3", "Mixed_5b/Branch_2/Conv2d_0c_3x3",
            "Mixed_6a/Branch_1/Conv2d_0b_3x3", "Mixed_7a/Branch_2/Conv2d_0b_3x3",
        ]
        let ledger = try Ledger.faceNet()
        #expect(ledger.entries.filter(WinogradConvolution.applies(to:)).map(\.name) == expected)
        let large = try Ledger.faceNet(NetworkConfiguration(input: Size2(299, 299)))
        #expect(large.entries.filter(WinogradConvolution.applies(to:)).map(\.name) == expected)
    }

    @Test("Random maps and weights, with and without ReLU", arguments: cases.indices)
    func agreesWithDirect(index: Int) {
        let t = Self.cases[index]
        let (oh, ow) = (t.h + t.pad.top + t.pad.bottom - 2, t.w + t.pad.left + t.pad.right - 2)
        var random = SeededFloats(seed: UInt64(700 + index))
        let x = random.array(t.h * t.w * t.cin)
        let w = random.array(9 * t.cin * t.cout)
        let b = random.array(t.cout)
        for relu in [false, true] {
            let layer = WinogradConvolution(FoldedLinear.Folded(k: 9 * t.cin, n: t.cout, weights: w, bias: b, relu: relu), channels: t.cin)
            let (y, allFinite) = layer.apply(
                Tensor(shape: [1, t.h, t.w, t.cin], scalars: x), pad: t.pad, output: Shape(height: oh, width: ow, channels: t.cout))
            #expect(allFinite)
            #expect(y.shape == [1, oh, ow, t.cout])
            var worst = 0.0
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for j in 0..<t.cout {
                        var sum = Double(b[j])
                        var magnitude = abs(Double(b[j]))
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let (iy, ix) = (oy + ky - t.pad.top, ox + kx - t.pad.left)
                                guard iy >= 0, iy < t.h, ix >= 0, ix < t.w else { continue }
                                for c in 0..<t.cin {
                                    let term = Double(x[(iy * t.w + ix) * t.cin + c]) * Double(w[((ky * 3 + kx) * t.cin + c) * t.cout + j])
                                    sum += term
                                    magnitude += abs(term)
                                }
                            }
                        }
                        if relu { sum = max(sum, 0) }
                        let found = Double(y.scalars[(oy * ow + ox) * t.cout + j])
                        // The transforms add a few roundings of values up to a few times the
                        // terms' size: allow 64 units of float32 rounding of the magnitude.
                        worst = max(worst, abs(found - sum) / (magnitude * 0x1p-24))
                        #expect(
                            abs(found - sum) <= 64 * 0x1p-24 * magnitude + 1e-30,
                            "case \(index) relu \(relu) at (\(oy),\(ox),\(j)): \(found) vs \(sum)")
                    }
                }
            }
            #expect(worst > 0, "no rounding at all: the comparison compared nothing")
        }
    }
}
