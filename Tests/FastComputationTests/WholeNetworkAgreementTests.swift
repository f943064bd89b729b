import Computation
import FastComputation
import ModelData
import NetworkModel
import Tensors
import Testing

@Suite("FastBackend on the whole FaceNet network")
struct WholeNetworkAgreementTests {
    /// End to end, rounding differences compound through 40 residual blocks; the embedding
    /// is unit-norm with 1024 elements (typical |e| ~ 0.03). Measured differences are
    /// ~1e-6; 1e-4 absolute is 100x that and still 300x below a typical element.
    static let embeddingTolerance: Float = 1e-4

    @Test("Every layer on the naive inputs, then the embedding end to end")
    func wholeNetwork() throws {
        let ledger = try Ledger.faceNet()
        let weights = GeneratedWeights(seed: GeneratedWeights.defaultSeed, ledger: ledger)
        let fast = try FastBackend(ledger: ledger, weights: weights)
        let input = SyntheticImage.make(size: 160)
        let (failures, naiveRun) = try compareLayerByLayer(ledger: ledger, weights: weights, fast: fast, input: input)
        #expect(failures.isEmpty, "\(failures.count) layers disagree:\n\(failures.prefix(10).joined(separator: "\n"))")

        let fastRun = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed)
        try fastRun.runToEnd()
        let a = try #require(naiveRun.output(of: "Embedding")), b = try #require(fastRun.output(of: "Embedding"))
        let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= Self.embeddingTolerance, "embedding differs by up to \(worst)")
    }
}
