import Computation
import Foundation
import ModelData
import NetworkModel
import Tensors
import Testing

@testable import FastComputation

/// Dilated convolutions (TF-Slim's `rate`) in both backends against TensorFlow's own
/// `tf.nn.conv2d(..., dilations=...)` outputs, written by scripts/golden/make_dilated_reference.py
/// into Tests/Golden/dilated: taps along the width (im2col), along the height on 64 and 24
/// channels (read in place), square, even with odd SAME padding, VALID.
@Suite("Dilated convolutions agree with TensorFlow")
struct DilatedReferenceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Golden/dilated").standardizedFileURL.path

    /// `name padding rate_h rate_w` from cases.txt.
    static var cases: [(name: String, padding: Padding, rate: Size2)] {
        let text = (try? String(contentsOfFile: folder + "/cases.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 4, let padding = Padding(rawValue: words[1]), let h = Int(words[2]), let w = Int(words[3]) else { return nil }
            return (words[0], padding, Size2(h, w))
        }
    }

    /// A network of one plain convolution (no batch norm, bias or ReLU) with the case's window.
    static func ledger(input: Tensor, weights: Tensor, padding: Padding, rate: Size2) throws -> Ledger {
        let window = Window(kernel: Size2(weights.shape[0], weights.shape[1]), stride: Size2(1, 1), padding: padding, dilation: rate)
        let stages: [Stage] = [
            .layer(Layer(name: "input", op: .input(channels: input.shape[3]), inputs: [], scope: "Dilated")),
            .layer(
                Layer(
                    name: "conv", op: .convolution(Convolution(filters: weights.shape[3], window: window, batchNorm: false, bias: false, activation: .none)),
                    inputs: ["input"], scope: "Dilated/conv")),
        ]
        let configuration = NetworkConfiguration(input: Size2(input.shape[1], input.shape[2]))
        return try Ledger(network: Network(configuration: configuration, stages: stages))
    }

    @Test func everyCaseIsThere() {
        #expect(Self.cases.count == 7, "cases.txt in \(Self.folder)")
    }

    @Test(arguments: cases.map(\.name))
    func bothBackendsMatchTensorFlow(name: String) throws {
        let (_, padding, rate) = try #require(Self.cases.first { $0.name == name })
        let input = try NPY.read(path: "\(Self.folder)/\(name).input.npy")
        let weights = try NPY.read(path: "\(Self.folder)/\(name).weights.npy")
        let expected = try NPY.read(path: "\(Self.folder)/\(name).output.npy")
        let ledger = try Self.ledger(input: input, weights: weights, padding: padding, rate: rate)
        let entry = try #require(ledger["conv"])
        #expect(entry.outputTensorShape == expected.shape, "the ledger's shape")
        let source = FixedWeights(tensors: ["Dilated/conv/weights": weights])
        let backends: [any Backend] = [
            try NaiveBackend(ledger: ledger, weights: source),
            try FastBackend(ledger: ledger, weights: source, threads: 1),
            try FastBackend(ledger: ledger, weights: source, threads: 2),
        ]
        for backend in backends {
            let output = try backend.forward(entry, inputs: [input])
            try #require(output.shape == expected.shape)
            // At most 7 * 64 products of values in [-1, 1]: float32 reordering stays near 1e-6.
            let worst = zip(output.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(backend.name) on \(name): off by \(worst)")
        }
    }

    /// Winograd's F(2x2, 3x3) reads neighbouring pixels: it must leave dilated 3x3s to the GEMM.
    @Test func winogradTakesNoDilatedConvolution() throws {
        for (rate, takes) in [(Size2(1, 1), true), (Size2(2, 2), false), (Size2(2, 1), false)] {
            let input = Tensor(shape: [1, 12, 12, 64], repeating: 0)
            let weights = Tensor(shape: [3, 3, 64, 8], repeating: 0)
            let ledger = try Self.ledger(input: input, weights: weights, padding: .same, rate: rate)
            #expect(WinogradConvolution.applies(to: ledger["conv"]!) == takes, "rate \(rate)")
        }
    }
}
