import Computation
import Exploration
import FastComputation
import GEMM
import NetworkModel
import Tensors

/// `explore bench --ladder`: chosen convolutions of the network computed by every step of
/// the optimisation ladder, each step timed under `BenchProtocol` and checked against step 1;
/// optionally whole forward passes with each step's convolutions.
public enum LadderRun {
    /// The stem's 3x3s (SAME, then VALID), Block35's 3x3 and up projection, Block17's 1x1, 1x7 and 7x1.
    public static let defaultLayers = [
        "Conv2d_2b_3x3", "Conv2d_4a_3x3", "Block35_1/Branch_2/Conv2d_0c_3x3", "Block35_1/Conv2d_1x1",
        "Block17_1/Branch_0/Conv2d_1x1", "Block17_1/Branch_1/Conv2d_0b_1x7", "Block17_1/Branch_1/Conv2d_0c_7x1",
    ]

    /// Rounds of 50 ms the peak is the best of, at the end (and the one-core peak at both
    /// ends): twice the default, because on a shared machine a short probe often catches a
    /// busy moment and every fraction of it then reads high (seen above 100% at load 6).
    static let peakRounds = 10

    /// Seed of the random input each layer is measured on (its values in [-1, 1)).
    static let inputSeed: UInt64 = 16

    /// Measures `layers` (ledger names, convolutions) of the network `settings` describe, and
    /// with `forward` whole forward passes per step. `progress` gets one line per stage.
    public static func measure(
        settings: SessionSettings, layers: [String], forward: Bool, protocol timing: BenchProtocol,
        warning: (String) -> Void, progress: (String) -> Void
    ) throws -> LadderReport {
        let ledger = try settings.makeLedger()
        let entries = try layers.map { try convolution(named: $0, in: ledger) }
        var machine = BenchMachine.current()
        var corePeak = FMAPeak.measure(threads: 1, rounds: peakRounds)
        let weights = try settings.makeWeights(for: ledger, warning: warning)

        var layerResults: [LadderLayerResult] = []
        for entry in entries {
            let layer = try LadderLayer(entry: entry, parameters: try LayerParameters(for: entry, from: weights))
            progress("ladder: \(entry.name) \(layer.geometry.m)x\(layer.geometry.n)x\(layer.geometry.k), \(LadderStep.allCases.count) steps")
            layerResults.append(try measure(layer, protocol: timing))
        }

        var passes: [LadderForwardResult] = []
        if forward {
            progress("ladder: whole forward passes, folding and preparing every step's weights")
            let input = try settings.makeInput()
            let fast = try FastBackend(ledger: ledger, weights: weights)
            let backends: [any Backend] = try LadderStep.allCases.map { try LadderBackend(step: $0, ledger: ledger, weights: weights, fast: fast) } + [fast]
            let threads = LadderStep.allCases.map(\.threads) + [FastGEMM.defaultThreads]
            let names = LadderStep.allCases.map { "\($0.rawValue) \($0.title)" } + ["the fast backend itself"]
            progress("ladder: \(backends.count) forward passes x \(timing.warmUpCalls + timing.samples) (the naive steps take seconds each)")
            let interpreters = backends.map { Interpreter(ledger: ledger, backend: $0, input: input, retain: .needed) }
            var outputs: [Tensor] = []
            for interpreter in interpreters {
                outputs.append(try interpreter.runToEnd().last!.output)
            }
            let subjects = interpreters.indices.map { index in
                let interpreter = interpreters[index]
                return BenchProtocol.Subject(name: names[index], threads: threads[index]) {
                    interpreter.reset()
                    _ = try interpreter.runToEnd()
                }
            }
            let measured = try timing.measure(subjects)
            passes = zip(measured, outputs).map { LadderForwardResult(measurement: $0, maxDifference: maxAbsDifference($1, outputs[0])) }
        }
        // The peak again at the end, and the higher of the two (a busy moment at the start
        // would flatter every fraction of it).
        machine.peakGFLOPS = max(machine.peakGFLOPS, FMAPeak.measure(rounds: peakRounds))
        corePeak = max(corePeak, FMAPeak.measure(threads: 1, rounds: peakRounds))
        return LadderReport(
            input: ledger.network.configuration.inputDescription, macs: ledger.macs, machine: machine, corePeakGFLOPS: corePeak, protocol: timing,
            layers: layerResults, forward: passes)
    }

    /// One layer on every step that can compute it, on one seeded input, steps rotated.
    static func measure(_ layer: LadderLayer, protocol timing: BenchProtocol) throws -> LadderLayerResult {
        var random = SplitMix64(seed: inputSeed)
        let count = layer.inputTensorShape.reduce(1, *)
        let input = Tensor(shape: layer.inputTensorShape, scalars: (0..<count).map { _ in Float(random.next() >> 40) * 0x1p-23 - 1 })
        let convolutions = LadderStep.allCases.compactMap { LadderConvolution($0, layer: layer) }
        let outputs = convolutions.map { $0.apply(input) }
        let subjects = convolutions.map { convolution in
            BenchProtocol.Subject(name: convolution.step.title, threads: convolution.step.threads) { _ = convolution.apply(input) }
        }
        let measured = try timing.measure(subjects)
        var rows: [LadderStepResult] = []
        for step in LadderStep.allCases {
            if let index = convolutions.firstIndex(where: { $0.step == step }) {
                rows.append(
                    LadderStepResult(
                        step: step, measurement: measured[index], maxDifference: maxAbsDifference(outputs[index], outputs[0]), unavailable: nil))
            } else {
                rows.append(LadderStepResult(step: step, measurement: nil, maxDifference: nil, unavailable: step.unavailable(for: layer)))
            }
        }
        return LadderLayerResult(
            name: layer.name, geometry: layer.geometry, padding: layer.padding.rawValue, networkUsesWinograd: layer.networkUsesWinograd, steps: rows)
    }

    /// The convolution called `name`, or an error naming it (with the nearest names).
    static func convolution(named name: String, in ledger: Ledger) throws -> LedgerEntry {
        let convolutions = ledger.entries.filter { if case .convolution = $0.layer.op { true } else { false } }
        if let entry = convolutions.first(where: { $0.name == name }) {
            guard !(entry.window?.isDilated ?? false) else { throw LadderError.dilated(name) }
            return entry
        }
        if ledger.entries.contains(where: { $0.name == name }) { throw LadderError.notConvolution(name) }
        throw LadderError.unknownLayer(name, suggestion: NameSuggestions.nearest(to: name, in: convolutions.map(\.name), limit: 1).first)
    }

    static func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
        guard a.shape == b.shape else { return .nan }
        return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
