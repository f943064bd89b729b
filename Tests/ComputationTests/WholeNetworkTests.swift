import Computation
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

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
    let backend = try NaiveBackend(ledger: ledger, weights: GeneratedWeights(ledger: ledger))
    var random = SeededFloats(seed: 160)
    let interpreter = Interpreter(ledger: ledger, backend: backend, input: random.tensor([1, 160, 160, 3]))
    try interpreter.runToEnd()
    return WholeNetworkRun(ledger: ledger, results: interpreter.results)
}

@Test func embeddingHasUnitNorm() throws {
    let run = try wholeNetwork.get()
    let embedding = try #require(run.output(of: "Embedding"))
    #expect(embedding.shape == [1, 1024])
    let norm = embedding.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    #expect(abs(norm - 1) < 1e-5)
}

/// With the generated weights' scaling, every block output stays of order 1 through all
/// 40 residual blocks. Measured at 160 (seed 2018, random image): mean |x| grows slowly
/// from 0.90 (Mixed_5b) to 2.4 (Block8_9) and 3.5 (Block8_10, no ReLU); max |x| <= 19;
/// ReLU zeros 7%...52%. The bounds leave a factor of 3 on each side: a lost batch norm,
/// a wrong scale or a residual that doubles would leave them.
@Test func blockOutputsStayFiniteAndOfOrderOne() throws {
    let run = try wholeNetwork.get()
    for result in run.results {
        let stats = result.output.statistics
        #expect(stats.nanCount == 0 && stats.infinityCount == 0, "\(result.name)")
    }
    for block in run.ledger.network.blocks {
        let output = try #require(run.output(of: block.name))
        let stats = output.statistics
        let meanMagnitude = output.scalars.reduce(0.0) { $0 + Double(abs($1)) } / Double(output.count)
        #expect(meanMagnitude > 0.3 && meanMagnitude < 10, "\(block.name): mean |x| = \(meanMagnitude)")
        #expect(max(abs(stats.max), abs(stats.min)) < 60, "\(block.name): max |x| = \(max(abs(stats.max), abs(stats.min)))")
        #expect(stats.zeroFraction < 0.8, "\(block.name): \(stats.zeroFraction) zeros")
    }
}

@Test func everyLayerIsTimedAndShapedAsTheLedgerSays() throws {
    let run = try wholeNetwork.get()
    #expect(run.results.count == run.ledger.entries.count)
    for result in run.results {
        #expect(result.output.shape == [1] + result.entry.output.dims, "\(result.name)")
        #expect(result.seconds >= 0)
    }
}
