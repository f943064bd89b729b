import Computation
import NetworkModel
import Tensors
import TestSupport
import Testing

@Test func batchNormUsesBetaMeanAndVarianceWithEpsilonOneThousandth() {
    // Two channels. Channel 0: x=2, beta=0.5, mean=1, var=3 -> (2-1)/sqrt(3.001) + 0.5.
    // Channel 1: x=-1, beta=0, mean=0, var=0 -> -1/sqrt(0.001).
    let x = Tensor(shape: [1, 1, 1, 2], scalars: [2, -1])
    let y = Naive.batchNorm(
        x,
        beta: Tensor(shape: [2], scalars: [0.5, 0]),
        mean: Tensor(shape: [2], scalars: [1, 0]),
        variance: Tensor(shape: [2], scalars: [3, 0])
    )
    #expect(abs(Double(y.scalars[0]) - (1 / 3.001.squareRoot() + 0.5)) < 1e-6)
    #expect(abs(Double(y.scalars[1]) - (-1 / 0.001.squareRoot())) < 1e-4)
}

@Test func batchNormAppliesPerChannelOnVectorsToo() {
    let x = Tensor(shape: [1, 3], scalars: [1, 1, 1])
    let y = Naive.batchNorm(
        x, beta: Tensor(shape: [3], scalars: [0, 1, 2]), mean: Tensor(shape: [3], repeating: 0),
        variance: Tensor(shape: [3], repeating: 1 - 0.001)
    )
    #expect(y.scalars.map { ($0 * 1000).rounded() / 1000 } == [1, 2, 3])
}

@Test func biasAndReLU() {
    let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, -1, -3, 2])
    let biased = Naive.addBias(x, bias: Tensor(shape: [2], scalars: [1, -1]))
    #expect(biased.scalars == [2, -2, -2, 1])
    #expect(Naive.relu(biased).scalars == [2, 0, 0, 1])
    #expect(Naive.activate(biased, .none) == biased)
}

@Test func concatPutsBranchesSideBySidePerPixel() {
    let a = Tensor(shape: [1, 1, 2, 1], scalars: [1, 2])
    let b = Tensor(shape: [1, 1, 2, 2], scalars: [10, 11, 20, 21])
    let c = Naive.concat([a, b])
    #expect(c.shape == [1, 1, 2, 3])
    #expect(c.scalars == [1, 10, 11, 2, 20, 21])
}

@Test func residualScalesTheUpProjectionThenActivates() {
    let x = Tensor(shape: [1, 1, 1, 3], scalars: [1, -1, 0.5])
    let up = Tensor(shape: [1, 1, 1, 3], scalars: [10, 2, -10])
    let relu = Naive.residual(x, up: up, scale: 0.1, activation: .relu)
    #expect(relu.scalars == [1 + Float(0.1) * 10, 0, 0])
    let linear = Naive.residual(x, up: up, scale: 1.0, activation: .none)
    #expect(linear.scalars == [11, 1, -9.5])
}

@Test func flattenKeepsNHWCOrderAndDropoutIsTheIdentity() {
    let map = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
    let flat = Naive.flatten(map)
    #expect(flat.shape == [1, 4])
    #expect(flat.scalars == [1, 2, 3, 4])
    #expect(Naive.dropout(flat) == flat)
}

@Test func fullyConnectedReadsInOutWeights() {
    // x [1, 2] = [1, 10]; w [2, 3] rows [1 2 3], [4 5 6] -> [41, 52, 63].
    let y = Naive.fullyConnected(Tensor(shape: [1, 2], scalars: [1, 10]), weights: Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
    #expect(y.shape == [1, 3])
    #expect(y.scalars == [41, 52, 63])
}

@Test func fullyConnectedMatchesBruteForce() {
    var random = SeededFloats(seed: 99)
    let x = random.tensor([1, 37])
    let w = random.tensor([37, 11])
    let expected = (0..<11).map { o in (0..<37).reduce(0.0) { $0 + Double(x.scalars[$1]) * Double(w.scalars[$1 * 11 + o]) } }
    #expect(worstError(Naive.fullyConnected(x, weights: w), expected) < 1e-5)
}

@Test func l2NormalizeDividesByTheNormAndGuardsZero() {
    let y = Naive.l2Normalize(Tensor(shape: [1, 2], scalars: [3, 4]))
    #expect(y.scalars == [0.6, 0.8])
    // sum of squares 0 -> divided by sqrt(1e-10) = 1e-5: zeros stay zeros, tiny values grow.
    #expect(Naive.l2Normalize(Tensor(shape: [1, 2], repeating: 0)).scalars == [0, 0])
    let tiny = Naive.l2Normalize(Tensor(shape: [1, 1], scalars: [1e-7]))
    #expect(abs(tiny.scalars[0] - 0.01) < 1e-6)
}
