import Computation
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// The fast backend tells the interpreter when an output is known to be finite, so that
/// the interpreter does not read it again. A wrong `true` would hide a NaN.
@Suite("The fast backend's word on finite outputs")
struct FastFinitenessTests {
    @Test("Every layer type: the word, when given, is the truth, for plain and overflowing inputs")
    func wordIsTruth() throws {
        let ledger = try EveryLayerTypeNetwork.ledger(size: 13, channels: 17, filters: 19)
        let weights = GeneratedWeights(seed: 5, ledger: ledger)
        let fast = try FastBackend(ledger: ledger, weights: weights, threads: 2)
        var random = SeededFloats(seed: 12)
        let interpreter = Interpreter(ledger: ledger, backend: fast, input: random.tensor([1, 13, 13, 17]), retain: .all)
        try interpreter.runToEnd()
        var overflowsReported = 0
        for entry in ledger.entries where !entry.layer.inputs.isEmpty {
            let inputs = entry.layer.inputs.map { interpreter.output(of: $0)! }
            // The largest finite float everywhere: convolutions and residual adds overflow.
            let huge = inputs.map { tensor in Tensor(shape: tensor.shape, repeating: .greatestFiniteMagnitude) }
            for (kind, given) in [("plain", inputs), ("huge", huge)] {
                let (output, allFinite) = try fast.forwardCheckingFiniteness(entry, inputs: given)
                let truth = output.firstNonFiniteIndex == nil
                if let allFinite {
                    #expect(allFinite == truth, "\(entry.name), \(kind) inputs: reported \(allFinite)")
                    if !allFinite { overflowsReported += 1 }
                }
                // Value-copying layers may vouch only for what they copied: checked inputs.
                if case .concat = entry.layer.op, kind == "plain" { #expect(allFinite == true) }
            }
        }
        #expect(overflowsReported >= 5, "too few overflowing layers for the test to mean much: \(overflowsReported)")
    }

    @Test("Winograd's output transform: the word is the truth, for plain and overflowing inputs")
    func winograd() {
        let (side, cin, cout) = (7, 64, 24)
        var random = SeededFloats(seed: 21)
        let folded = FoldedLinear.Folded(
            k: 9 * cin, n: cout, weights: random.array(9 * cin * cout), bias: random.array(cout), relu: false)
        let layer = WinogradConvolution(folded, channels: cin)
        for huge in [false, true] {
            let x = huge ? [Float](repeating: .greatestFiniteMagnitude, count: side * side * cin) : random.array(side * side * cin)
            let (y, allFinite) = layer.apply(
                Tensor(shape: [1, side, side, cin], scalars: x), pad: SidePadding(top: 1, bottom: 1, left: 1, right: 1),
                output: Shape(height: side, width: side, channels: cout))
            #expect(allFinite == (y.firstNonFiniteIndex == nil), "huge \(huge)")
            #expect(allFinite != huge, "huge \(huge)")
        }
    }

    @Test("The residual add: max(x + scale * up, 0) as the scalar formula gives it, -0 and NaN included")
    func residual() {
        var random = SeededFloats(seed: 3)
        var x = random.array(70_001)  // one chunk per worker past 2^15 elements, and a tail
        let up = random.array(70_001)
        x[5] = -0.0
        for relu in [false, true] {
            for scale: Float in [0.17, 1] {
                let (out, allFinite) = FastOps.residual(
                    Tensor(shape: [1, 70_001], scalars: x), up: Tensor(shape: [1, 70_001], scalars: up), scale: scale, relu: relu)
                let expected = zip(x, up).map { relu ? Swift.max($0 + scale * $1, 0) : $0 + scale * $1 }
                #expect(out.scalars.map(\.bitPattern) == expected.map(\.bitPattern), "relu \(relu) scale \(scale)")
                #expect(allFinite)
            }
        }
        for (index, value) in [(0, Float.nan), (70_000, .infinity), (40_000, 3e38)] {
            var poisoned = x
            poisoned[index] = value
            let (out, allFinite) = FastOps.residual(
                Tensor(shape: [1, 70_001], scalars: poisoned), up: Tensor(shape: [1, 70_001], scalars: up.map { $0 + 2e38 }), scale: 1, relu: true)
            #expect(!allFinite && out.firstNonFiniteIndex != nil, "\(value) at \(index)")
        }
    }

    @Test("An image of huge finite values: both backends name the first convolution and the same element")
    func overflowNamedAsNaive() throws {
        let ledger = try Ledger.faceNet(NetworkConfiguration(inputSize: 75))
        let weights = GeneratedWeights(ledger: ledger)
        let input = Tensor(shape: [1, 75, 75, 3], repeating: 3e38)
        var found: [String] = []
        for backend in [try NaiveBackend(ledger: ledger, weights: weights), try FastBackend(ledger: ledger, weights: weights)] as [any Backend] {
            let interpreter = Interpreter(ledger: ledger, backend: backend, input: input)
            let error = try #require(throws: ComputationError.self) { try interpreter.runToEnd() }
            guard case .nonFiniteOutput(let layer, let index, _, _) = error else {
                Issue.record("expected a non-finite output, got \(error)")
                return
            }
            found.append("\(layer) \(index)")
        }
        #expect(found.count == 2 && found[0] == found[1] && found[0].hasPrefix("Conv2d_1a_3x3 "), "\(found)")
    }
}
