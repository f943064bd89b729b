import Computation
import Testing
import ModelData
import NetworkModel
import Tensors
@testable import Verification

/// The whole network against TensorFlow/Keras's golden tensors (release build: CI runs
/// `swift test -c release`), and proof that the check can fail where it should.
@Suite(.serialized) struct NetworkVerificationTests {
    static let weights = GeneratedWeights(seed: 2018, ledger: GoldenFixture.ledger)

    static func verifier(_ ledger: Ledger = GoldenFixture.ledger) throws -> Verifier {
        // The golden file is checked against the real ledger; a re-declared one has the same names and shapes.
        try Verifier(golden: GoldenFixture.file, ledger: ledger)
    }

    static func input(_ name: String = "asymmetric") throws -> GoldenInput {
        try #require(GoldenFixture.file.input(named: name))
    }

    @Test(arguments: GoldenFixture.file.header.inputs.map(\.name))
    func naiveBackendAgreesOnEveryLayer(input name: String) throws {
        let verifier = try Self.verifier()
        let backend = try NaiveBackend(ledger: verifier.ledger, weights: Self.weights)
        let report = try verifier.verify(try Self.input(name), backend: backend)
        #expect(report.layers.count == GoldenFixture.ledger.entries.count)
        #expect(report.passed, "first failure: \(report.firstFailure.map { "\($0.layer): \(ReportText.failureDetail($0)) \($0.hint ?? "")" } ?? "-")")
        let worst = try #require(report.worst)
        print("naive, input \(name): worst relative error \(worst.maxRelativeError) in \(worst.layer) at \(worst.worst?.description ?? "-")")
        #expect(worst.maxRelativeError < 1e-4)
    }

    // MARK: - Wrong conventions must fail at the right layer

    /// Checks that every layer before `layer` passed and `layer` is the first failure, whose hint mentions `hint`.
    static func expectFirstFailure(_ report: InputReport, at layer: String, hint: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let first = report.firstFailure
        #expect(first?.layer == layer, "first failure \(first?.layer ?? "none")", sourceLocation: sourceLocation)
        let index = GoldenFixture.ledger.entries.firstIndex { $0.name == layer }!
        let earlierPassed = report.layers.prefix(index).allSatisfy { $0.passed }
        #expect(earlierPassed, sourceLocation: sourceLocation)
        #expect(first?.hint?.contains(hint) == true, "hint: \(first?.hint ?? "none")", sourceLocation: sourceLocation)
    }

    @Test func averagePoolCountingPaddingFailsAtTheAveragePool() throws {
        let verifier = try Self.verifier()
        let backend = WrongConventions.PaddingCountingAveragePool(base: try NaiveBackend(ledger: verifier.ledger, weights: Self.weights))
        let report = try verifier.verify(try Self.input(), backend: backend, stopAtFirstFailure: true)
        Self.expectFirstFailure(report, at: "Mixed_5b/Branch_3/AvgPool_0a_3x3", hint: "divisor")
        let check = try #require(report.firstFailure)
        #expect(check.failuresInside == 0 && check.failuresOnBorder > 0)
    }

    @Test func batchNormWithoutEpsilonFailsAtTheFirstConvolution() throws {
        let verifier = try Self.verifier()
        let backend = try NaiveBackend(ledger: verifier.ledger, weights: WrongConventions.VarianceWithoutEpsilon(base: Self.weights))
        let report = try verifier.verify(try Self.input(), backend: backend, stopAtFirstFailure: true)
        Self.expectFirstFailure(report, at: "Conv2d_1a_3x3", hint: "epsilon")
    }

    @Test(arguments: [(Float(1.0), Activation.relu, "no ReLU"), (Float(0.20), Activation.none, "scale differs"), (Float(0.20), Activation.relu, "scale differs")])
    func wrongFinalBlock8FailsAtBlock8_10(scale: Float, activation: Activation, hint: String) throws {
        let ledger = try WrongConventions.ledger(finalBlock8: scale, activation: activation)
        let verifier = try Self.verifier(ledger)
        let backend = try NaiveBackend(ledger: ledger, weights: Self.weights)
        let report = try verifier.verify(try Self.input(), backend: backend, stopAtFirstFailure: true)
        Self.expectFirstFailure(report, at: "Block8_10", hint: hint)
    }

    /// The weights check comes first and says "weights differ" rather than blaming a layer.
    @Test func driftingWeightsAreReportedAsWeights() throws {
        let verifier = try Self.verifier()
        let report = verifier.checkWeights(WrongConventions.VarianceWithoutEpsilon(base: Self.weights))
        #expect(!report.passed)
        #expect(report.differences.count == GoldenFixture.ledger.weights.filter { $0.role == .movingVariance }.count)
        #expect(report.summary.hasPrefix("weights differ"))
    }
}
