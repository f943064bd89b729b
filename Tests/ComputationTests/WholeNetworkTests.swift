import Testing
import NetworkModel
import Tensors
import Computation

/// What one whole-network pass produced.
private struct WholeNetworkRun: Sendable {
    let ledger: Ledger
    let results: [LayerResult]
    func output(of name: String) -> Tensor? { results.first { $0.name == name }?.output }
}

/// One naive forward pass of the whole FaceNet network (seconds in release; CI runs the
/// tests with `-c release`), shared by the checks below.
private let wholeNetwork: Result<WholeNetworkRun, any Error> = Result {
    let ledger = try Ledger.faceNet()
    let backend = try NaiveBackend(ledger: ledger, weights: SpecWeights(ledger: ledger))
    var random = TestRandom(seed: 160)
    let interpreter = Interpreter(ledger: ledger, backend: backend, input: random.tensor([1, 160, 160, 3]))
    try interpreter.runToEnd()
    return WholeNetworkRun(ledger: ledger, results: interpreter.results)
}

@Test func embeddingHasUnitNorm() throws {
    let interpreter = try wholeNetwork.get()
    let embedding = try #require(interpreter.output(of: "Embedding"))
    #expect(embedding.shape == [1, 1024])
    let norm = embedding.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    #expect(abs(norm - 1) < 1e-5)
}

/// With the generated weights' scaling, every block output stays of order 1: mean |x|
/// within [1e-2, 1e1] and no NaN or infinity, through all 40 residual blocks.
@Test func blockOutputsStayFiniteAndOfOrderOne() throws {
    let interpreter = try wholeNetwork.get()
    for result in interpreter.results {
        let stats = result.output.statistics
        #expect(stats.nanCount == 0 && stats.infinityCount == 0, "\(result.name)")
    }
    for block in interpreter.ledger.network.blocks {
        let output = try #require(interpreter.output(of: block.name))
        let meanMagnitude = output.scalars.reduce(0.0) { $0 + Double(abs($1)) } / Double(output.count)
        #expect(meanMagnitude > 1e-2 && meanMagnitude < 1e1, "\(block.name): mean |x| = \(meanMagnitude)")
    }
}

@Test func everyLayerIsTimedAndShapedAsTheLedgerSays() throws {
    let interpreter = try wholeNetwork.get()
    #expect(interpreter.results.count == interpreter.ledger.entries.count)
    for result in interpreter.results {
        #expect(result.output.shape == [1] + result.entry.output.dims, "\(result.name)")
        #expect(result.seconds >= 0)
    }
}
