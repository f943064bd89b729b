import ModelData
import NetworkModel
import Tensors
import Testing

/// ModelData's `GeneratedWeights` against the spec written out again in this test target
/// (`SpecWeights`): bit for bit on a variable of every role and scaling.
@Test(arguments: [
    "InceptionResnetV2/Conv2d_1a_3x3/weights",
    "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/moving_variance",
    "InceptionResnetV2/Mixed_5b/Branch_1/Conv2d_0b_5x5/BatchNorm/beta",
    "InceptionResnetV2/Repeat_1/block17_4/Branch_1/Conv2d_0b_1x7/weights",
    "InceptionResnetV2/Repeat/block35_3/Conv2d_1x1/weights",
    "InceptionResnetV2/Repeat/block35_3/Conv2d_1x1/biases",
    "InceptionResnetV2/Block8/Conv2d_1x1/weights",
    "InceptionResnetV2/Bottleneck/weights",
    "InceptionResnetV2/Bottleneck/BatchNorm/moving_mean",
])
func generatedWeightsFollowTheSpec(name: String) throws {
    let ledger = try Ledger.faceNet()
    let variable = try #require(ledger.weights.first { $0.name == name })
    for seed: UInt64 in [2018, 1] {
        let generated = try GeneratedWeights(seed: seed, ledger: ledger).tensor(named: name, shape: variable.shape)
        let spec = try SpecWeights(ledger: ledger, seed: seed).tensor(named: name, shape: variable.shape)
        #expect(generated.shape == variable.shape)
        #expect(generated.scalars.map(\.bitPattern) == spec.scalars.map(\.bitPattern), "\(name) seed \(seed)")
    }
}
