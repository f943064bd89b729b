import Computation
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

@Suite("FastBackend agrees with NaiveBackend")
struct FastBackendTests {
    /// (input side, input channels, filters): odd and even maps, channel counts off the
    /// micro-kernel's 16, M across the 144-row block.
    static let shapes: [(Int, Int, Int)] = [(7, 3, 5), (10, 5, 16), (13, 17, 19), (16, 32, 33), (9, 1, 1)]

    @Test("Every layer type on random shapes, layer by layer", arguments: shapes.indices)
    func everyLayerType(index: Int) throws {
        let (size, channels, filters) = Self.shapes[index]
        let ledger = try EveryLayerTypeNetwork.ledger(size: size, channels: channels, filters: filters)
        let weights = GeneratedWeights(seed: UInt64(100 + index), ledger: ledger)
        var random = SeededFloats(seed: UInt64(index))
        let input = random.tensor([1, size, size, channels])
        for threads in [1, 2] {
            let fast = try FastBackend(ledger: ledger, weights: weights, threads: threads)
            let failures = try compareLayerByLayer(ledger: ledger, weights: weights, fast: fast, input: input).failures
            #expect(failures.isEmpty, "size \(size) channels \(channels) filters \(filters) threads \(threads):\n\(failures.joined(separator: "\n"))")
        }
    }

    @Test("A wrong input shape is an error naming the layer")
    func wrongInputShape() throws {
        let ledger = try EveryLayerTypeNetwork.ledger(size: 7, channels: 3, filters: 5)
        let fast = try FastBackend(ledger: ledger, weights: GeneratedWeights(seed: 1, ledger: ledger))
        let entry = try #require(ledger["a_3x3"])
        #expect(throws: ComputationError.self) { try fast.forward(entry, inputs: [Tensor(shape: [1, 6, 7, 3])]) }
    }

    @Test("A hand-worked 3x3 SAME convolution with batch norm and ReLU")
    func handWorkedConvolution() throws {
        // 3x3 map of ones, one channel, one 3x3 filter of ones: SAME sums 4 at corners,
        // 6 at edges, 9 in the centre. Batch norm with beta 1, mean 2, variance 3.999:
        // inv = 1/sqrt(3.999 + 0.001) = 0.5, y = 0.5 x + (1 - 2 * 0.5) = 0.5 x.
        let stages: [Stage] = [
            .layer(Layer(name: "input", op: .input(channels: 1), inputs: [], scope: "Hand")),
            .layer(
                Layer(
                    name: "conv",
                    op: .convolution(
                        Convolution(
                            filters: 1, window: Window(kernel: Size2(square: 3), stride: Size2(square: 1), padding: .same),
                            batchNorm: true, bias: false, activation: .relu)), inputs: ["input"], scope: "Hand/conv")),
        ]
        let ledger = try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: 3), stages: stages))
        let weights = FixedWeights(tensors: [
            "Hand/conv/weights": Tensor(shape: [3, 3, 1, 1], repeating: 1),
            "Hand/conv/BatchNorm/beta": Tensor(shape: [1], repeating: 1),
            "Hand/conv/BatchNorm/moving_mean": Tensor(shape: [1], repeating: 2),
            "Hand/conv/BatchNorm/moving_variance": Tensor(shape: [1], repeating: 3.999),
        ])
        let fast = try FastBackend(ledger: ledger, weights: weights)
        let output = try fast.forward(ledger["conv"]!, inputs: [Tensor(shape: [1, 3, 3, 1], repeating: 1)])
        let expected: [Float] = [2, 3, 2, 3, 4.5, 3, 2, 3, 2]
        for (got, want) in zip(output.scalars, expected) { #expect(abs(got - want) < 1e-5, "\(output.scalars)") }
    }
}

/// Weights given as a dictionary.
struct FixedWeights: WeightSource {
    let tensors: [String: Tensor]
    var sourceDescription: String { "fixed test weights" }
    struct Missing: Error { let name: String }
    func tensor(named name: String, shape: [Int]) throws -> Tensor {
        guard let tensor = tensors[name] else { throw Missing(name: name) }
        return tensor
    }
}
