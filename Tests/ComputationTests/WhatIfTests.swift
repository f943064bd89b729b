import Computation
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

/// What-if configurations run through the same interpreter: another input size and a
/// padding override that makes TensorFlow pad asymmetrically.
@Test func whatIfInputSizeAndPaddingOverrideRun() throws {
    // At 102 with MaxPool_3a_3x3=SAME: 102 -> 50 -> 48 -> 48, then the 3x3 stride-2 SAME
    // pool on 48: out 24, pad total (24-1)*2+3-48 = 1, all of it at the bottom/right.
    // Then 24 -> 22 -> 10 (MaxPool_5a VALID) for Mixed_5b.
    let configuration = NetworkConfiguration(inputSize: 102, paddingOverrides: ["MaxPool_3a_3x3": .same])
    let ledger = try Ledger.faceNet(configuration)
    let pool = try #require(ledger["MaxPool_3a_3x3"])
    #expect(pool.input.dims == [48, 48, 64])
    #expect(pool.pad == SidePadding(top: 0, bottom: 1, left: 0, right: 1))
    let backend = try NaiveBackend(ledger: ledger, weights: GeneratedWeights(ledger: ledger))
    var random = SeededFloats(seed: 102)
    let interpreter = Interpreter(ledger: ledger, backend: backend, input: random.tensor([1, 102, 102, 3]))
    try interpreter.run(through: "MaxPool_3a_3x3")
    let input = try #require(interpreter.output(of: "Conv2d_2b_3x3"))
    let output = try #require(interpreter.output(of: "MaxPool_3a_3x3"))
    #expect(output.shape == [1, 24, 24, 64])
    // The last output row's window covers rows 46, 47 and one padded row, ignored by max.
    let (c, w) = (64, 48)
    for ox in [0, 11, 23] {
        for channel in [0, 63] {
            var expected = -Float.infinity
            for iy in 46...47 { for ix in (ox * 2)...min(ox * 2 + 2, 47) { expected = max(expected, input.scalars[(iy * w + ix) * c + channel]) } }
            #expect(output.scalars[((23 * 24) + ox) * c + channel] == expected)
        }
    }
    try interpreter.run(through: "Mixed_5b")
    #expect(interpreter.output(of: "Mixed_5b")?.shape == [1, 10, 10, 320])
}
