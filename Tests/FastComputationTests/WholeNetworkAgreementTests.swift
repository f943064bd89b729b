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
        let a = try #require(naiveRun.output(of: "Embedding"))
        let b = try #require(fastRun.output(of: "Embedding"))
        let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= Self.embeddingTolerance, "embedding differs by up to \(worst)")
    }

    /// TF-Slim's output stride 8 on a non-square input, through Block17_2: Mixed_6a at
    /// stride 1 and the dilated Block17 convolutions (in place and im2col), layer by layer.
    @Test("Output stride 8 on a non-square input, layer by layer")
    func outputStrideEight() throws {
        let configuration = NetworkConfiguration(input: Size2(99, 120), outputStride: 8, finalEndpoint: "Block17_2")
        let ledger = try Ledger.faceNet(configuration)
        #expect(ledger["Block17_2/Branch_1/Conv2d_0c_7x1"]?.window?.dilation == Size2(2, 2))
        let weights = GeneratedWeights(seed: GeneratedWeights.defaultSeed, ledger: ledger)
        let fast = try FastBackend(ledger: ledger, weights: weights)
        let input = SyntheticImage.make(height: 99, width: 120)
        let failures = try compareLayerByLayer(ledger: ledger, weights: weights, fast: fast, input: input).failures
        #expect(failures.isEmpty, "\(failures.count) layers disagree:\n\(failures.prefix(10).joined(separator: "\n"))")
    }
}
