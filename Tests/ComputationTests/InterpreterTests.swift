import Computation
import NetworkModel
import Tensors
import TestSupport
import Testing

private func tinySetup(retain: Retention = .all) throws -> (Ledger, NaiveBackend, SpecWeights, Interpreter) {
    let ledger = try TinyNetwork.ledger()
    let weights = SpecWeights(ledger: ledger, seed: 5)
    let backend = try NaiveBackend(ledger: ledger, weights: weights)
    var random = SeededFloats(seed: 1)
    let interpreter = Interpreter(ledger: ledger, backend: backend, input: random.tensor([1, 7, 7, 2]), retain: retain)
    return (ledger, backend, weights, interpreter)
}

@Test func interpreterWiresLayersLikeTheOpsComposedByHand() throws {
    let (_, _, weights, interpreter) = try tinySetup()
    try interpreter.runToEnd()
    #expect(interpreter.isFinished)
    #expect(interpreter.nextEntry == nil)

    // The same network written out with the ops, reading the same variables.
    func w(_ name: String, _ shape: [Int]) throws -> Tensor { try weights.tensor(named: "Tiny/" + name, shape: shape) }
    func bn(_ x: Tensor, _ scope: String, _ c: Int) throws -> Tensor {
        Naive.batchNorm(
            x, beta: try w(scope + "/BatchNorm/beta", [c]), mean: try w(scope + "/BatchNorm/moving_mean", [c]),
            variance: try w(scope + "/BatchNorm/moving_variance", [c]))
    }
    let image = interpreter.input
    let conv = Naive.relu(try bn(Naive.conv2d(image, weights: try w("Conv/weights", [3, 3, 2, 3]), stride: Size2(2, 2), padding: .same), "Conv", 3))
    let branch0 = Naive.relu(
        try bn(
            Naive.conv2d(conv, weights: try w("Block/Branch_0/Conv2d_1x1/weights", [1, 1, 3, 2]), stride: Size2(1, 1), padding: .same),
            "Block/Branch_0/Conv2d_1x1", 2))
    let branch1 = Naive.maxPool(conv, kernel: Size2(3, 3), stride: Size2(1, 1), padding: .same)
    let up = Naive.addBias(
        Naive.conv2d(Naive.concat([branch0, branch1]), weights: try w("Block/Conv2d_1x1/weights", [1, 1, 5, 3]), stride: Size2(1, 1), padding: .same),
        bias: try w("Block/Conv2d_1x1/biases", [3]))
    let block = Naive.residual(conv, up: up, scale: 0.5, activation: .relu)
    let pooled = Naive.flatten(Naive.globalAveragePool(block))
    let embedding = Naive.l2Normalize(try bn(Naive.fullyConnected(pooled, weights: try w("Bottleneck/weights", [3, 4])), "Bottleneck", 4))

    #expect(interpreter.output(of: "Conv") == conv)
    #expect(interpreter.output(of: "Block/Branch_1/MaxPool") == branch1)
    #expect(interpreter.output(of: "Block/Conv2d_1x1") == up)
    #expect(interpreter.output(of: "Block") == block)
    #expect(interpreter.output(of: "Embedding") == embedding)
    #expect(conv.shape == [1, 4, 4, 3])
    #expect(embedding.shape == [1, 4])
}

@Test func interpreterStopsAfterANamedLayerAndResumes() throws {
    let (ledger, _, _, interpreter) = try tinySetup()
    let ran = try interpreter.run(through: "Block/concat")
    #expect(ran.map(\.name) == ["inputs", "Conv", "Block/Branch_0/Conv2d_1x1", "Block/Branch_1/MaxPool", "Block/concat"])
    #expect(interpreter.position == 5)
    #expect(interpreter.nextEntry?.name == "Block/Conv2d_1x1")
    #expect(interpreter.output(of: "Block/concat")?.shape == [1, 4, 4, 5])
    #expect(interpreter.output(of: "Block") == nil)
    #expect(ran.allSatisfy { $0.seconds >= 0 && $0.isRetained })
    // Running through a layer that already ran does nothing.
    #expect(try interpreter.run(through: "Conv").isEmpty)
    let next = try interpreter.step()
    #expect(next.name == "Block/Conv2d_1x1")
    #expect(try interpreter.runToEnd().count == ledger.entries.count - 6)
    #expect(interpreter.results.map(\.name) == ledger.entries.map(\.name))
    #expect(throws: ComputationError.finished) { try interpreter.step() }
    interpreter.reset()
    #expect(interpreter.position == 0 && interpreter.results.isEmpty && interpreter.output(of: "Conv") == nil)
    try interpreter.runToEnd()
    #expect(interpreter.isFinished)
}

@Test func unknownLayerNamesSuggestTheNearest() throws {
    let (_, _, _, interpreter) = try tinySetup()
    let error = try #require(throws: NetworkError.self) { try interpreter.run(through: "Blok") }
    guard case .unknownLayer(let name, let suggestions) = error else {
        Issue.record("\(error)")
        return
    }
    #expect(name == "Blok" && suggestions.first == "Block")
    #expect(!"\(error)".contains("\n"))
    #expect(interpreter.position == 0)
}

@Test func neededRetentionFreesWhatNoLaterLayerReads() throws {
    let (_, _, _, full) = try tinySetup()
    try full.runToEnd()
    let (_, _, _, lean) = try tinySetup(retain: .needed)
    try lean.run(through: "Block/Branch_0/Conv2d_1x1")
    #expect(lean.output(of: "Conv") != nil)  // still read by the max pool and the residual
    #expect(lean.output(of: "inputs") == nil)  // only Conv read it
    try lean.runToEnd()
    #expect(lean.output(of: "Conv") == nil)
    #expect(lean.output(of: "Block") == nil)
    #expect(lean.output(of: "Embedding") == full.output(of: "Embedding"))
    #expect(lean.results.filter(\.isRetained).map(\.name) == ["Embedding"])
    #expect(lean.results.first { $0.name == "Conv" }?.output.shape == [0])

    let (_, _, _, named) = try tinySetup(retain: .names(["Block", "inputs"]))
    let ran = try named.runToEnd()
    #expect(ran.filter(\.isRetained).map(\.name) == ["inputs", "Block", "Embedding"])
    #expect(named.output(of: "Block") == full.output(of: "Block"))
}

@Test func backendChecksEveryVariableUpFront() throws {
    let ledger = try TinyNetwork.ledger()
    struct Broken: WeightSource {
        let inner: SpecWeights
        let missing: String?
        let misshapen: String?
        var sourceDescription: String { "broken.safetensors" }
        struct Missing: Error {}
        func tensor(named name: String, shape: [Int]) throws -> Tensor {
            if name == missing { throw Missing() }
            if name == misshapen { return Tensor(shape: [shape.reduce(1, *)], repeating: 0) }  // a loose source
            return try inner.tensor(named: name, shape: shape)
        }
    }
    let spec = SpecWeights(ledger: ledger)
    #expect(throws: Broken.Missing.self) {
        try NaiveBackend(ledger: ledger, weights: Broken(inner: spec, missing: "Tiny/Bottleneck/BatchNorm/moving_variance", misshapen: nil))
    }
    #expect(throws: ComputationError.weightShape(name: "Tiny/Conv/weights", expected: [3, 3, 2, 3], found: [54], source: "broken.safetensors")) {
        try NaiveBackend(ledger: ledger, weights: Broken(inner: spec, missing: nil, misshapen: "Tiny/Conv/weights"))
    }
    let backend = try NaiveBackend(ledger: ledger, weights: spec)
    #expect(backend.parameters.count == 4)
    #expect(backend.parameters["Block/Conv2d_1x1"]?.biases?.shape == [3])
}

@Test func aWronglySizedImageStopsWithOneLine() throws {
    let ledger = try TinyNetwork.ledger()
    let backend = try NaiveBackend(ledger: ledger, weights: SpecWeights(ledger: ledger))
    let interpreter = Interpreter(ledger: ledger, backend: backend, input: Tensor(shape: [1, 9, 9, 2]))
    #expect(throws: ComputationError.inputShape(expected: [1, 7, 7, 2], found: [1, 9, 9, 2])) { try interpreter.step() }
    #expect(interpreter.position == 0)
}

@Test func subStepsShowConvolutionBatchNormAndReLU() throws {
    let (ledger, backend, _, interpreter) = try tinySetup()
    try interpreter.run(through: "inputs")
    let steps = try backend.subSteps(try #require(ledger["Conv"]), inputs: [interpreter.input])
    #expect(steps.map(\.name) == ["conv2d", "batch norm", "relu"])
    #expect(steps[2].output == Naive.relu(steps[1].output))
    let upSteps = try backend.subSteps(try #require(ledger["Bottleneck"]), inputs: [Tensor(shape: [1, 3], repeating: 1)])
    #expect(upSteps.map(\.name) == ["fully connected", "batch norm"])
}

/// Wraps a backend and keeps its own reference to every output's scalars, so that at
/// the last layer it can tell which earlier outputs someone else still holds: an
/// array whose storage is shared gets a new one when written through.
private final class OutputLivenessProbe: Backend, @unchecked Sendable {
    let name = "probe"
    let wrapped: Backend
    let lastLayer: String
    let probed: Set<String>
    private var kept: [(name: String, scalars: [Float])] = []
    /// The probed layers whose outputs were held elsewhere when `lastLayer` ran.
    private(set) var heldAtLastLayer: [String] = []

    init(_ wrapped: Backend, lastLayer: String, probed: Set<String>) {
        self.wrapped = wrapped
        self.lastLayer = lastLayer
        self.probed = probed
    }

    func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
        if entry.name == lastLayer {
            heldAtLastLayer = kept.indices.filter { index in
                let before = kept[index].scalars.withUnsafeBufferPointer { $0.baseAddress }
                let after = kept[index].scalars.withUnsafeMutableBufferPointer { UnsafePointer($0.baseAddress) }
                return before != after
            }.map { kept[$0].name }
        }
        let output = try wrapped.forward(entry, inputs: inputs)
        if probed.contains(entry.name) { kept.append((entry.name, output.scalars)) }
        return output
    }
}

@Test func aRunFreesOutputsAsItGoesNotWhenItReturns() throws {
    let ledger = try TinyNetwork.ledger()
    let backend = try NaiveBackend(ledger: ledger, weights: SpecWeights(ledger: ledger, seed: 5))
    // Layers whose outputs are buffers of their own (not the image, not a reshape).
    let probed: Set<String> = ["Conv", "Block/Branch_0/Conv2d_1x1", "Block/Branch_1/MaxPool", "Block/concat", "Block/Conv2d_1x1", "Block"]
    var random = SeededFloats(seed: 1)
    let image = random.tensor([1, 7, 7, 2])
    for retain in [Retention.all, .needed] {
        let probe = OutputLivenessProbe(backend, lastLayer: "Embedding", probed: probed)
        try Interpreter(ledger: ledger, backend: probe, input: image, retain: retain).runToEnd()
        // Kept by the interpreter with .all (which also shows the probe sees a holder);
        // with .needed, nothing read them after Block, so nothing holds them by the end.
        #expect(Set(probe.heldAtLastLayer) == (retain == .all ? probed : []), "\(retain)")
    }
}
