import Computation
import FastComputation
import ModelData
import NetworkModel
import Tensors
import Testing

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

    /// The kernel paths: the naive reference loops and the packed-GEMM fast backend.
    enum Kernels: String, CaseIterable, Sendable {
        case naive, fast

        func backend(ledger: Ledger, weights: any WeightSource) throws -> any Backend {
            switch self {
            case .naive: try NaiveBackend(ledger: ledger, weights: weights)
            case .fast: try FastBackend(ledger: ledger, weights: weights)
            }
        }
    }

    @Test(arguments: Kernels.allCases, GoldenFixture.file.header.inputs.map(\.name))
    func everyLayerAgrees(kernels: Kernels, input name: String) throws {
        let verifier = try Self.verifier()
        let backend = try kernels.backend(ledger: verifier.ledger, weights: Self.weights)
        let report = try verifier.verify(try Self.input(name), backend: backend)
        #expect(report.layers.count == GoldenFixture.ledger.entries.count)
        #expect(report.passed, "first failure: \(report.firstFailure.map { "\($0.layer): \(ReportText.failureDetail($0)) \($0.hint ?? "")" } ?? "-")")
        let worst = try #require(report.worst)
        print("\(kernels), input \(name): worst relative error \(worst.maxRelativeError) in \(worst.layer) at \(worst.worst?.description ?? "-")")
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

    @Test(arguments: ConventionBreak.allCases, Kernels.allCases)
    func wrongConventionFailsAtTheRightLayer(_ broken: ConventionBreak, kernels: Kernels) throws {
        let ledger = try broken.ledger()
        let verifier = try Self.verifier(ledger)
        let backend = broken.backend(try kernels.backend(ledger: ledger, weights: broken.weights(Self.weights)))
        let report = try verifier.verify(try Self.input(), backend: backend, stopAtFirstFailure: true)
        let hint =
            switch broken {
            case .averagePoolCountsPadding: "divisor"
            case .finalBlock8ReLU: "no ReLU"
            case .finalBlock8Scale: "scale differs"
            case .batchNormWithoutEpsilon: "epsilon"
            }
        Self.expectFirstFailure(report, at: broken.expectedFirstFailure, hint: hint)
        print("\(broken.rawValue), \(kernels): first failure \(report.firstFailure?.layer ?? "none"): \(report.firstFailure?.hint ?? "")")
        if broken == .averagePoolCountsPadding {
            let check = try #require(report.firstFailure)
            #expect(check.failuresInside == 0 && check.failuresOnBorder > 0)
        }
    }

    /// Both wrong final Block8s at once (scale 0.20 and a ReLU) are named together.
    @Test func finalBlock8WithScaleAndReLU() throws {
        let ledger = try ConventionBreak.ledger(finalBlock8: 0.20, activation: .relu, NetworkConfiguration())
        let verifier = try Self.verifier(ledger)
        let report = try verifier.verify(try Self.input("builtin"), backend: try NaiveBackend(ledger: ledger, weights: Self.weights), stopAtFirstFailure: true)
        Self.expectFirstFailure(report, at: "Block8_10", hint: "scale differs")
        #expect(report.firstFailure?.hint?.contains("no ReLU") == true)
    }

    /// The weights check comes first and says "weights differ" rather than blaming a layer.
    @Test func driftingWeightsAreReportedAsWeights() throws {
        let verifier = try Self.verifier()
        let report = verifier.checkWeights(ConventionBreak.batchNormWithoutEpsilon.weights(Self.weights))
        #expect(!report.passed)
        #expect(report.differences.count == GoldenFixture.ledger.weights.filter { $0.role == .movingVariance }.count)
        #expect(report.summary.hasPrefix("weights differ"))
    }
}
