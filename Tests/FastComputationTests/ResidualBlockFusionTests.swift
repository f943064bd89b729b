import Computation
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// A same-padded stride-1 convolution: batch norm and ReLU, or, for an up projection, a
/// bias and nothing after it.
private func conv(_ name: String, _ filters: Int, _ k: Int, up: Bool = false, from input: String) -> Stage {
    .layer(
        Layer(
            name: name,
            op: .convolution(
                Convolution(
                    filters: filters, window: Window(kernel: Size2(square: k), stride: Size2(square: 1), padding: .same),
                    batchNorm: !up, bias: up, activation: up ? .none : .relu)), inputs: [input], scope: "Test/\(name)"))
}

/// Two residual blocks the way Inception-ResNet builds them: a branch, a 1x1 up
/// projection (bias, no batch norm, no ReLU) and the add of `scale` times it to the
/// block's input, with and without ReLU. With `concat`, the first block has two branches
/// joined by a concat that its up projection reads (Inception-ResNet's own shape).
private func twoBlocks(size: Int, channels: Int, width f: Int, concat: Bool = false) throws -> Ledger {
    let firstBranches: [Stage] =
        concat
        ? [
            conv("branch_a", f / 2 + 1, 1, from: "stem"), conv("branch_b", 7, 3, from: "stem"),
            .layer(Layer(name: "concat_1", op: .concat, inputs: ["branch_a", "branch_b"], scope: "Test/concat_1")),
        ]
        : [conv("branch_1", f / 2 + 1, 1, from: "stem")]
    let stages: [Stage] =
        [
            .layer(Layer(name: "input", op: .input(channels: channels), inputs: [], scope: "Test")),
            conv("stem", f, 3, from: "input"),
        ] + firstBranches + [
            conv("up_1", f, 1, up: true, from: concat ? "concat_1" : "branch_1"),
            .layer(Layer(name: "block_1", op: .residual(scale: 0.17, activation: .relu), inputs: ["stem", "up_1"], scope: "Test/b1")),
            conv("branch_2", f + 3, 3, from: "block_1"),
            conv("up_2", f, 1, up: true, from: "branch_2"),
            .layer(Layer(name: "block_2", op: .residual(scale: 1.0, activation: .none), inputs: ["block_1", "up_2"], scope: "Test/b2")),
        ]
    return try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: size), stages: stages))
}

/// `twoBlocks` at 9 x 9 x 3, width 24: the ledger, an image drawn from seed `image`, and a
/// fast backend with weights generated from seed `weights`.
private func smallBlocks(weights: UInt64, image: UInt64) throws -> (ledger: Ledger, input: Tensor, fast: FastBackend) {
    let ledger = try twoBlocks(size: 9, channels: 3, width: 24)
    var random = SeededFloats(seed: image)
    let fast = try FastBackend(ledger: ledger, weights: GeneratedWeights(seed: weights, ledger: ledger))
    return (ledger, random.tensor([1, 9, 9, 3]), fast)
}

@Suite("A residual block's up projection and add as one step")
struct ResidualBlockFusionTests {
    @Test(
        "Fused (with the concat before an up projection, where there is one), the blocks give the unfused outputs bit for bit, and the naive ones within rounding",
        arguments: [(9, 3, 40, false), (17, 5, 37, false), (9, 3, 40, true), (13, 4, 26, true)])
    func fusedAgrees(shape: (Int, Int, Int, Bool)) throws {
        let (size, channels, width, concat) = shape
        let ledger = try twoBlocks(size: size, channels: channels, width: width, concat: concat)
        let weights = GeneratedWeights(seed: 7, ledger: ledger)
        var random = SeededFloats(seed: UInt64(size))
        let input = random.tensor([1, size, size, channels])
        let naive = Interpreter(ledger: ledger, backend: try NaiveBackend(ledger: ledger, weights: weights), input: input, retain: .needed)
        try naive.runToEnd()
        let reference = try #require(naive.output(of: "block_2"))
        for threads in [1, 2] {
            let fast = try FastBackend(ledger: ledger, weights: weights, threads: threads)
            let plain = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed)
            let fused = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed, fusesResidualBlocks: true)
            try plain.runToEnd()
            let results = try fused.runToEnd()
            let expected = try #require(plain.output(of: "block_2"))
            let got = try #require(fused.output(of: "block_2"))
            #expect(firstDifference(got, expected) == nil, "threads \(threads)")
            let worst = zip(got.scalars, reference.scalars).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? .nan
            #expect(worst <= 1e-5, "threads \(threads): fused output differs from the naive one by up to \(worst)")
            // Every layer has its result, in order; the up projections and the concat were
            // never made: no output, no time of their own.
            #expect(results.map(\.name) == ledger.entries.map(\.name))
            let notMade = results.filter { !$0.isRetained && $0.seconds == 0 }.map(\.name)
            #expect(notMade == (concat ? ["concat_1"] : []) + ["up_1", "up_2"], "threads \(threads)")
            #expect(results.filter { $0.name.hasPrefix("block_") }.allSatisfy { $0.seconds > 0 })
        }
    }

    @Test("Not fused where an output is wanted: every output kept, a kept name, a run that stops at it, a kept concat")
    func notFusedWhenTheOutputIsWanted() throws {
        let (ledger, input, fast) = try smallBlocks(weights: 8, image: 1)

        let all = Interpreter(ledger: ledger, backend: fast, input: input, retain: .all, fusesResidualBlocks: true)
        #expect(try all.runToEnd().allSatisfy(\.isRetained))

        let named = Interpreter(ledger: ledger, backend: fast, input: input, retain: .names(["up_1"]), fusesResidualBlocks: true)
        try named.runToEnd()
        #expect(named.output(of: "up_1") != nil)
        #expect(named.results.first { $0.name == "up_2" }?.seconds == 0)

        let stopping = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed, fusesResidualBlocks: true)
        try stopping.run(through: "up_1")
        #expect(stopping.output(of: "up_1") != nil)
        #expect(stopping.output(of: "block_1") == nil)

        // A kept concat is made as a layer of its own; its up projection still fuses.
        let withConcat = try twoBlocks(size: 9, channels: 3, width: 24, concat: true)
        let keptConcat = Interpreter(
            ledger: withConcat, backend: try FastBackend(ledger: withConcat, weights: GeneratedWeights(seed: 8, ledger: withConcat)),
            input: input, retain: .names(["concat_1"]), fusesResidualBlocks: true)
        let results = try keptConcat.runToEnd()
        #expect(keptConcat.output(of: "concat_1") != nil)
        #expect(results.first { $0.name == "up_1" }?.seconds == 0 && results.first { $0.name == "concat_1" }?.seconds ?? 0 > 0)
    }

    @Test("A block on the image itself leaves the image as it was: run again, it gives the same output")
    func blockOnTheImage() throws {
        // input -> branch -> up, and the add of up to the image: the image is the shortcut.
        let f = 6
        let stages: [Stage] = [
            .layer(Layer(name: "input", op: .input(channels: f), inputs: [], scope: "Test")),
            .layer(
                Layer(
                    name: "branch",
                    op: .convolution(
                        Convolution(
                            filters: 4, window: Window(kernel: Size2(square: 3), stride: Size2(square: 1), padding: .same), batchNorm: true,
                            bias: false, activation: .relu)), inputs: ["input"], scope: "Test/branch")),
            .layer(
                Layer(
                    name: "up",
                    op: .convolution(
                        Convolution(
                            filters: f, window: Window(kernel: Size2(square: 1), stride: Size2(square: 1), padding: .same), batchNorm: false,
                            bias: true, activation: .none)), inputs: ["branch"], scope: "Test/up")),
            .layer(Layer(name: "block", op: .residual(scale: 0.5, activation: .relu), inputs: ["input", "up"], scope: "Test/block")),
        ]
        let ledger = try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: 11), stages: stages))
        var random = SeededFloats(seed: 4)
        let input = random.tensor([1, 11, 11, f])
        // Copies made element by element: an array assigned from another shares its storage,
        // and would change with it.
        let image = input.scalars.map { $0 }
        let fused = Interpreter(
            ledger: ledger, backend: try FastBackend(ledger: ledger, weights: GeneratedWeights(seed: 11, ledger: ledger)), input: input,
            retain: .needed, fusesResidualBlocks: true)
        let results = try fused.runToEnd()
        #expect(results.first { $0.name == "up" }?.seconds == 0, "the block was not fused")
        let first = try #require(fused.output(of: "block")).scalars.map { $0 }
        #expect(fused.input.scalars == image && input.scalars == image)
        fused.reset()
        try fused.runToEnd()
        let again = try #require(fused.output(of: "block")).scalars
        #expect(again.map(\.bitPattern) == first.map(\.bitPattern))
    }

    @Test("A kept shortcut is not written over: the block's output goes to a map of its own")
    func keptShortcut() throws {
        let (ledger, input, fast) = try smallBlocks(weights: 10, image: 3)
        let all = Interpreter(ledger: ledger, backend: fast, input: input, retain: .all)
        try all.runToEnd()
        let kept = Interpreter(ledger: ledger, backend: fast, input: input, retain: .names(["stem", "block_1"]), fusesResidualBlocks: true)
        let results = try kept.runToEnd()
        #expect(results.filter { $0.name.hasPrefix("up_") }.allSatisfy { $0.seconds == 0 }, "the blocks were not fused")
        for name in ["stem", "block_1", "block_2"] {
            let got = try #require(kept.output(of: name))
            let expected = try #require(all.output(of: name))
            #expect(firstDifference(got, expected) == nil, "\(name)")
        }
    }

    @Test("An up projection read by two adds is not fused")
    func sharedUpProjection() throws {
        let ledger = try EveryLayerTypeNetwork.ledger(size: 7, channels: 3, filters: 5)
        let weights = GeneratedWeights(seed: 9, ledger: ledger)
        var random = SeededFloats(seed: 2)
        let fused = Interpreter(
            ledger: ledger, backend: try FastBackend(ledger: ledger, weights: weights), input: random.tensor([1, 7, 7, 3]), retain: .needed,
            fusesResidualBlocks: true)
        #expect(try fused.runToEnd().first { $0.name == "up" }?.seconds ?? 0 > 0)
    }

    @Test("The whole network at 160: 40 blocks fused with their concats, the embedding bit for bit")
    func wholeNetwork() throws {
        let ledger = try Ledger.faceNet()
        let fast = try FastBackend(ledger: ledger, weights: GeneratedWeights(seed: GeneratedWeights.defaultSeed, ledger: ledger))
        let input = SyntheticImage.make(size: 160)
        let plain = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed)
        let fused = Interpreter(ledger: ledger, backend: fast, input: input, retain: .needed, fusesResidualBlocks: true)
        try plain.runToEnd()
        let results = try fused.runToEnd()
        let notMade = results.filter { !$0.isRetained && $0.seconds == 0 }.map(\.name)
        #expect(notMade.count == 80 && notMade.allSatisfy { ($0.hasSuffix("/Conv2d_1x1") || $0.hasSuffix("/concat")) && $0.hasPrefix("Block") })
        let expected = try #require(plain.output(of: "Embedding"))
        let got = try #require(fused.output(of: "Embedding"))
        #expect(firstDifference(got, expected) == nil)
    }
}

/// The first element whose bits differ, with both values; nil when all are the same.
private func firstDifference(_ got: Tensor, _ expected: Tensor) -> String? {
    guard got.shape == expected.shape else { return "shape \(got.shape), expected \(expected.shape)" }
    guard let index = got.scalars.indices.first(where: { got.scalars[$0].bitPattern != expected.scalars[$0].bitPattern }) else { return nil }
    return "element \(index): \(got.scalars[index]), expected \(expected.scalars[index])"
}
