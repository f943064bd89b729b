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
        var random = SeededFloats(seed: UInt64(700 + index))
        let direct = DirectCorrelation(
            h: t.h, w: t.w, cin: t.cin, cout: t.cout, kernel: Size2(3, 3), pad: t.pad,
            x: random.array(t.h * t.w * t.cin), weights: random.array(9 * t.cin * t.cout), bias: random.array(t.cout))
        for relu in [false, true] {
            let layer = WinogradConvolution(
                FoldedLinear.Folded(k: 9 * t.cin, n: t.cout, weights: direct.weights, bias: direct.bias, relu: relu), channels: t.cin)
            let (y, allFinite) = layer.apply(
                Tensor(shape: [1, t.h, t.w, t.cin], scalars: direct.x), pad: t.pad,
                output: Shape(height: direct.outputHeight, width: direct.outputWidth, channels: t.cout))
            #expect(allFinite)
            // The transforms add a few roundings of values up to a few times the terms'
            // size: allow 64 units of float32 rounding of the magnitude.
            direct.expectAgreement(y, relu: relu, units: 64, "case \(index) relu \(relu)")
        }
    }
}
