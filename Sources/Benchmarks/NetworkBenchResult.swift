import Computation
import GEMM
import NetworkModel
import Tensors

/// Forward passes of one backend under `BenchProtocol`: its measurement, and per layer
/// the median over the same timed samples.
struct NetworkBenchResult {
    let measurement: Measurement
    /// Per ledger entry, the median over the timed samples of the backend's `forward` time.
    let layerSeconds: [Double]

    var backend: String { measurement.name }
    var medianSeconds: Double { measurement.median }

    /// Times whole forward passes of each backend under `protocol_`, their order rotated.
    /// Each backend, and the one interpreter that runs all its passes, is made by `make`
    /// in its first (warm-up, untimed) call, so that `afterFirstPass`, run once after the
    /// first backend's first pass, sees that backend's memory alone.
    static func measure(
        ledger: Ledger, backends: [(name: String, threads: Int, make: () throws -> Backend)], input: Tensor,
        protocol protocol_: BenchProtocol, afterFirstPass: @escaping () -> Void = {}
    ) throws -> [NetworkBenchResult] {
        // Per backend, each call's per-layer times: warm-ups first, then one per sample.
        var layerRuns = [[[Double]]](repeating: [], count: backends.count)
        var made = [Interpreter?](repeating: nil, count: backends.count)
        var firstPassDone = false
        let subjects = backends.enumerated().map { index, item in
            BenchProtocol.Subject(name: item.name, threads: item.threads) {
                let interpreter = try made[index] ?? interpreter(ledger: ledger, backend: item.make(), input: input)
                made[index] = interpreter
                layerRuns[index].append(try pass(interpreter))
                if !firstPassDone {
                    firstPassDone = true
                    afterFirstPass()
                }
            }
        }
        let measurements = try protocol_.measure(subjects)
        return zip(measurements, layerRuns).map { measurement, runs in
            let timed = runs.dropFirst(protocol_.warmUpCalls)
            return NetworkBenchResult(
                measurement: measurement, layerSeconds: ledger.entries.indices.map { layer in Measurement.median(timed.map { $0[layer] }) })
        }
    }

    /// The interpreter a backend's passes run on: outputs freed once read, residual
    /// blocks fused.
    static func interpreter(ledger: Ledger, backend: Backend, input: Tensor) -> Interpreter {
        Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed, fusesResidualBlocks: true)
    }

    /// One whole forward pass, from the start: each entry's `forward` time.
    static func pass(_ interpreter: Interpreter) throws -> [Double] {
        interpreter.reset()
        return try interpreter.runToEnd().map(\.seconds)
    }

    /// Seconds summed by `group(entry)`, groups in order of first appearance.
    func grouped(_ ledger: Ledger, by group: (LedgerEntry) -> String) -> [(name: String, seconds: Double, macs: Int)] {
        var order: [String] = []
        var seconds: [String: Double] = [:]
        var macs: [String: Int] = [:]
        for (entry, time) in zip(ledger.entries, layerSeconds) {
            let name = group(entry)
            if seconds[name] == nil { order.append(name) }
            seconds[name, default: 0] += time
            macs[name, default: 0] += entry.macs
        }
        return order.map { ($0, seconds[$0]!, macs[$0]!) }
    }

    /// The stage a layer belongs to: `stem`, `Mixed_5b`, `Block35 x10`, ..., `head`.
    static func stageNames(_ ledger: Ledger) -> [String: String] {
        var names: [String: String] = [:]
        var seenBlock = false
        for stage in ledger.network.stages {
            let title: String
            switch stage {
            case .layer: title = seenBlock ? "head" : "stem"
            case .block, .repeated:
                title = stage.title
                seenBlock = true
            }
            for layer in stage.layers { names[layer.name] = title }
        }
        return names
    }

    /// Per layer name, its kind: `conv 3x3`, `conv 1x7`, `maxpool`, `concat`, ... A
    /// residual block's concat, up projection and add are one kind, `concat + up
    /// projection + add` (`up projection + add` for a block without a concat before its
    /// up projection): the fast pass runs them as one step (`Interpreter.fusesResidualBlocks`),
    /// so only their sum is measured there, and the naive pass's times are summed alike.
    static func opKindNames(_ ledger: Ledger) -> [String: String] {
        let entries = ledger.entries
        var names: [String: String] = [:]
        for (index, entry) in entries.enumerated() where names[entry.name] == nil {
            if ledger.isConcatBeforeUpProjection(at: index) {
                for block in entries[index...(index + 2)] { names[block.name] = "concat + up projection + add" }
            } else if ledger.isUpProjection(at: index) {
                names[entry.name] = "up projection + add"
                names[entries[index + 1].name] = "up projection + add"
            } else if case .convolution(let conv) = entry.layer.op {
                names[entry.name] = "conv \(conv.window.kernel)"
            } else {
                names[entry.name] = entry.layer.op.kind
            }
        }
        return names
    }
}
