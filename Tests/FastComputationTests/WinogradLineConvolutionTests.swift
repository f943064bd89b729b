import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// Winograd's F(2, 7) against a direct 1x7 or 7x1 correlation in float64, worked out here
/// by its definition: `y[oy][ox][j] = b[j] + sum x[oy+ky-top][ox+kx-left][c] w[ky][kx][c][j]`,
/// zeros outside the map.
@Suite("Winograd F(2, 7) against a direct convolution")
struct WinogradLineConvolutionTests {
    /// (h, w, cin, cout, pad, kernel): along the width and the height, SAME and VALID, even
    /// and odd output lengths (odd ones crop the last tile), a run of 7 (VALID: one output).
    static let cases: [(h: Int, w: Int, cin: Int, cout: Int, pad: SidePadding, kernel: Size2)] = [
        (5, 10, 16, 24, SidePadding(top: 0, bottom: 0, left: 3, right: 3), Size2(1, 7)),
        (4, 9, 8, 16, SidePadding(top: 0, bottom: 0, left: 3, right: 3), Size2(1, 7)),
        (3, 12, 8, 8, SidePadding(top: 0, bottom: 0, left: 0, right: 0), Size2(1, 7)),
        (10, 5, 24, 16, SidePadding(top: 3, bottom: 3, left: 0, right: 0), Size2(7, 1)),
        (9, 4, 16, 8, SidePadding(top: 3, bottom: 3, left: 0, right: 0), Size2(7, 1)),
        (7, 3, 8, 8, SidePadding(top: 0, bottom: 0, left: 0, right: 0), Size2(7, 1)),
    ]

    @Test("The network's layers that take the F(2, 7) path: Block17's 1x7s and 7x1s at 299, none at 160")
    func networkLayers() throws {
        let small = try Ledger.faceNet()
        #expect(small.entries.compactMap(WinogradLineConvolution.axis(of:)).isEmpty)
        let large = try Ledger.faceNet(NetworkConfiguration(input: Size2(299, 299)))
        let taken = large.entries.filter { WinogradLineConvolution.axis(of: $0) != nil }.map(\.name)
        let expected = (1...20).flatMap { ["Block17_\($0)/Branch_1/Conv2d_0b_1x7", "Block17_\($0)/Branch_1/Conv2d_0c_7x1"] }
        #expect(taken == expected)
        #expect(large.entries.filter { WinogradLineConvolution.axis(of: $0) == .height }.allSatisfy { $0.name.hasSuffix("7x1") })
    }

    @Test("The fast backend takes the path for a 1x7 and a 7x1 on a 16x16 map and agrees with the naive one")
    func fastBackendTakesThePath() throws {
        func conv(_ name: String, _ filters: Int, _ kernel: Size2, _ padding: Padding, from input: String) -> Stage {
            .layer(
                Layer(
                    name: name,
                    op: .convolution(
                        Convolution(
                            filters: filters, window: Window(kernel: kernel, stride: Size2(square: 1), padding: padding),
                            batchNorm: true, bias: false, activation: .relu)), inputs: [input], scope: "Line/\(name)"))
        }
        let stages: [Stage] = [
            .layer(Layer(name: "input", op: .input(channels: 8), inputs: [], scope: "Line")),
            conv("a_1x7", 16, Size2(1, 7), .same, from: "input"),
            conv("b_7x1", 8, Size2(7, 1), .same, from: "a_1x7"),
            conv("c_7x1_valid", 8, Size2(7, 1), .valid, from: "b_7x1"),
        ]
        let ledger = try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: 16), stages: stages))
        let weights = GeneratedWeights(seed: 17, ledger: ledger)
        let fast = try FastBackend(ledger: ledger, weights: weights, threads: 2)
        for name in ["a_1x7", "b_7x1", "c_7x1_valid"] {
            #expect(fast.path(of: try #require(ledger[name])) == .lineWinograd, "\(name)")
        }
        var random = SeededFloats(seed: 17)
        let failures = try compareLayerByLayer(ledger: ledger, weights: weights, fast: fast, input: random.tensor([1, 16, 16, 8])).failures
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("The written-out transforms are the matrices made from the points")
    func transformsMatchTheirMatrices() {
        typealias V = SIMD8<Float>
        let points = WinogradLineConvolution.points
        func unit(_ s: Int) -> [V] { (0..<points).map { $0 == s ? V(repeating: 1) : V() } }
        let bt = WinogradLineConvolution.inputTransformMatrix
        let at = WinogradLineConvolution.outputTransformMatrix
        for s in 0..<points {
            let d = unit(s)
            let v = WinogradLineConvolution.transformInput((d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]))
            let column = [v.0, v.1, v.2, v.3, v.4, v.5, v.6, v.7].map { Double($0[0]) }
            #expect(column == bt.map { $0[s] }, "B^T column \(s)")
            let y = WinogradLineConvolution.transformOutput((d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]))
            #expect([Double(y.0[0]), Double(y.1[0])] == at.map { $0[s] }, "A^T column \(s)")
        }
    }

    @Test("Random maps and weights, with and without ReLU", arguments: cases.indices)
    func agreesWithDirect(index: Int) {
        let t = Self.cases[index]
        var random = SeededFloats(seed: UInt64(900 + index))
        let direct = DirectCorrelation(
            h: t.h, w: t.w, cin: t.cin, cout: t.cout, kernel: t.kernel, pad: t.pad,
            x: random.array(t.h * t.w * t.cin), weights: random.array(7 * t.cin * t.cout), bias: random.array(t.cout))
        for relu in [false, true] {
            let layer = WinogradLineConvolution(
                FoldedLinear.Folded(k: 7 * t.cin, n: t.cout, weights: direct.weights, bias: direct.bias, relu: relu), channels: t.cin,
                axis: t.kernel.width == 7 ? .width : .height)
            let (y, allFinite) = layer.apply(
                Tensor(shape: [1, t.h, t.w, t.cin], scalars: direct.x), pad: t.pad,
                output: Shape(height: direct.outputHeight, width: direct.outputWidth, channels: t.cout))
            #expect(allFinite)
            // The transforms add a few roundings of values up to a few times the terms' size
            // (the worst of these cases: 6 units): allow 64 units of float32 rounding of the
            // magnitude, as for the 3x3.
            direct.expectAgreement(y, relu: relu, units: 64, "case \(index) relu \(relu)")
        }
    }
}
