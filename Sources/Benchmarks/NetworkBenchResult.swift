import Computation
import GEMM
import NetworkModel
import Tensors

/// Forward passes of one backend: wall time per run, and per layer (median over runs).
struct NetworkBenchResult {
    let backend: String
    let runSeconds: [Double]
    /// Per ledger entry, the median over runs of the backend's `forward` time.
    let layerSeconds: [Double]

    var medianSeconds: Double { median(runSeconds) }

    static func measure(ledger: Ledger, backend: Backend, input: Tensor, runs: Int, warmUp: Bool) throws -> NetworkBenchResult {
        if warmUp {
            _ = try pass(ledger: ledger, backend: backend, input: input)
        }
        var runSeconds: [Double] = []
        var perLayer = [[Double]](repeating: [], count: ledger.entries.count)
        for _ in 0..<max(1, runs) {
            let run = try pass(ledger: ledger, backend: backend, input: input)
            runSeconds.append(run.seconds)
            for (index, seconds) in run.layerSeconds.enumerated() { perLayer[index].append(seconds) }
        }
        return NetworkBenchResult(backend: backend.name, runSeconds: runSeconds, layerSeconds: perLayer.map(median))
    }

    /// One whole forward pass on a fresh interpreter (made before the clock starts):
    /// its wall time, and each entry's `forward` time.
    static func pass(ledger: Ledger, backend: Backend, input: Tensor) throws -> (seconds: Double, layerSeconds: [Double]) {
        let interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed)
        let start = MonotonicClock.seconds()
        let results = try interpreter.runToEnd()
        return (MonotonicClock.seconds() - start, results.map(\.seconds))
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

    /// `conv 3x3`, `conv 1x7`, `maxpool`, `concat`, ...
    static func opKind(_ entry: LedgerEntry) -> String {
        if case .convolution(let conv) = entry.layer.op { return "conv \(conv.window.kernel)" }
        return entry.layer.op.kind
    }
}

/// The median of `values` (the mean of the middle two for an even count); NaN for none.
func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
