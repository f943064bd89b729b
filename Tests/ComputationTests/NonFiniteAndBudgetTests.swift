import ModelData
import NetworkModel
import Tensors
import Testing

@testable import Computation

/// Seeded weights with one variable replaced.
private struct EditedWeights: WeightSource {
    let base: GeneratedWeights
    let name: String
    let edit: @Sendable (inout [Float]) -> Void

    var sourceDescription: String { "edited weights" }

    func tensor(named requested: String, shape: [Int]) throws -> Tensor {
        var tensor = try base.tensor(named: requested, shape: shape)
        if requested == name { edit(&tensor.scalars) }
        return tensor
    }
}

/// Issue 17 cases 8 and 12: NaN, infinities and negative variances are named before or
/// where they arise; a run that would not fit the memory budget is refused before it starts.
@Suite struct NonFiniteAndBudgetTests {
    static let ledger = try! Ledger.faceNet(NetworkConfiguration(inputSize: 75))
    static let input = Tensor(shape: [1, 75, 75, 3], repeating: 0.5)

    private func backend(_ weights: WeightSource) throws -> NaiveBackend {
        try NaiveBackend(ledger: Self.ledger, weights: weights)
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteWeightIsNamedAtLoad(value: Float) throws {
        let weights = EditedWeights(base: GeneratedWeights(ledger: Self.ledger), name: "InceptionResnetV2/Mixed_6a/Branch_0/Conv2d_1a_3x3/weights") {
            $0[7] = value
        }
        #expect(throws: ComputationError.badWeight(name: weights.name, source: "edited weights", detail: "holds \(value) at scalar 7")) {
            _ = try backend(weights)
        }
    }

    @Test func negativeVarianceIsNamedAtLoad() throws {
        let name = "InceptionResnetV2/Conv2d_2a_3x3/BatchNorm/moving_variance"
        let weights = EditedWeights(base: GeneratedWeights(ledger: Self.ledger), name: name) { $0[3] = -0.25 }
        let error = try #require(throws: ComputationError.self) { _ = try backend(weights) }
        #expect(error.description == "edited weights: tensor '\(name)' holds the negative variance -0.25 at scalar 3; nothing was computed")
    }

    @Test func nonFiniteInputIsNamedBeforeComputing() throws {
        var input = Self.input
        input.scalars[100] = .nan
        let interpreter = Interpreter(ledger: Self.ledger, backend: try backend(GeneratedWeights(ledger: Self.ledger)), input: input)
        let error = try #require(throws: ComputationError.self) { try interpreter.step() }
        #expect(error.description == "the input image holds nan at scalar 100; nothing was computed")
        #expect(interpreter.position == 0)
    }

    /// Finite but huge weights overflow in the first convolution: that layer is named.
    @Test func firstNonFiniteLayerIsNamed() throws {
        let weights = EditedWeights(base: GeneratedWeights(ledger: Self.ledger), name: "InceptionResnetV2/Conv2d_2a_3x3/weights") { values in
            for i in values.indices { values[i] = 3e38 }
        }
        let interpreter = Interpreter(ledger: Self.ledger, backend: try backend(weights), input: Self.input)
        let error = try #require(throws: ComputationError.self) { try interpreter.runToEnd() }
        guard case .nonFiniteOutput(let layer, _, let value, _) = error else {
            Issue.record("expected a non-finite output, got \(error)")
            return
        }
        #expect(layer == "Conv2d_2a_3x3")
        #expect(!value.isFinite)
        #expect(interpreter.results.map(\.name) == ["inputs", "Conv2d_1a_3x3"])
    }

    /// The peak, counted by hand for the stem under both policies, and the refusal with its figure.
    @Test func peakMemoryIsKnownAndEnforced() throws {
        let entries = Self.ledger.entries
        let all = entries.reduce(0) { $0 + $1.activationBytes } + Self.input.count * 4 + Self.ledger.parameterCount * 4
        let backend = try backend(GeneratedWeights(ledger: Self.ledger))
        #expect(Interpreter(ledger: Self.ledger, backend: backend, input: Self.input, retain: .all).plannedPeakBytes == all)
        let needed = Interpreter(ledger: Self.ledger, backend: backend, input: Self.input, retain: .needed).plannedPeakBytes
        #expect(needed < all)
        // The stem is a chain: at most a layer's input and output are alive there.
        #expect(needed >= entries.prefix(8).map(\.activationBytes).max()! + Self.ledger.parameterCount * 4)

        let tight = MemoryBudget(bytes: all - 1, origin: "a test's")
        let refused = Interpreter(ledger: Self.ledger, backend: backend, input: Self.input, retain: .all, memoryBudget: tight)
        let error = try #require(throws: ComputationError.self) { try refused.step() }
        #expect(error.description.hasPrefix("this run needs \(MemoryBudget.gibibytes(all)) (input 75, bottleneck 1024, every output kept), more than the"))
        #expect(refused.position == 0)
        // The same budget suffices when outputs are freed once read.
        try Interpreter(ledger: Self.ledger, backend: backend, input: Self.input, retain: .needed, memoryBudget: tight).step()
    }

    /// The largest input the explorer accepts, every output kept, is known without running.
    @Test func largestInputIsMeasuredNotRun() throws {
        let ledger = try Ledger.faceNet(NetworkConfiguration(inputSize: NetworkConfiguration.inputSizeRange.upperBound))
        let bytes = ledger.entries.reduce(0) { $0 + $1.activationBytes }
        #expect(bytes > 1 << 30, "input 1024 keeps over a GiB of activations: the budget check is what stops it on a small machine")
    }

    @Test func firstNonFiniteIndexFindsEveryPosition() {
        for count in [1, 15, 16, 17, 33, 100] {
            for position in [0, count / 2, count - 1] {
                var tensor = Tensor(shape: [count], repeating: 1)
                #expect(tensor.firstNonFiniteIndex == nil)
                tensor.scalars[position] = position % 2 == 0 ? .infinity : .nan
                #expect(tensor.firstNonFiniteIndex == position, "count \(count) position \(position)")
            }
        }
    }
}
