import Computation
import GEMM
import NetworkModel
import Tensors

/// The naive forward pass with whole fast passes interleaved, for the speedup.
///
/// The naive pass takes seconds; over seconds a shared machine can run a third faster
/// or slower, and a ratio of two passes timed at different moments measures that
/// drift too. So the naive pass is stepped layer by layer, and after every
/// `interval` of naive work one fast pass runs: the fast passes sample the machine
/// across the same seconds as the naive one, as the GEMM table interleaves its
/// kernels round by round. Each timed fast pass follows an untimed one, as the fast
/// median's runs follow a warm-up: the cost of coming back from a naive layer (its
/// data in the caches, the pool's worker asleep) is not the fast path's speed.
struct InterleavedPasses {
    /// The one naive pass: its total and per-layer times.
    let naive: NetworkBenchResult
    /// The fast passes run between its layers.
    let fast: NetworkBenchResult

    /// Naive seconds between fast passes: about 20 fast passes in a 2-second naive one.
    static let defaultInterval = 0.1

    static func measure(
        ledger: Ledger, naive naiveBackend: Backend, fast fastBackend: Backend, input: Tensor,
        interval: Double = defaultInterval
    ) throws -> InterleavedPasses {
        var fastRuns: [Double] = []
        var fastLayers = [[Double]](repeating: [], count: ledger.entries.count)
        func fastPass() throws {
            // One untimed pass first, as for the fast median: naive layers ran since
            // the last one, so the caches hold their data and the pool's worker sleeps.
            _ = try NetworkBenchResult.pass(ledger: ledger, backend: fastBackend, input: input)
            let run = try NetworkBenchResult.pass(ledger: ledger, backend: fastBackend, input: input)
            fastRuns.append(run.seconds)
            for (index, seconds) in run.layerSeconds.enumerated() { fastLayers[index].append(seconds) }
        }

        let naivePass = Interpreter(ledger: ledger, backend: naiveBackend, input: input, retain: .needed)
        var naiveSeconds = 0.0
        var sinceFastPass = 0.0
        var naiveLayers = [Double](repeating: 0, count: ledger.entries.count)
        try fastPass()
        for index in ledger.entries.indices {
            let start = MonotonicClock.seconds()
            let result = try naivePass.step()
            let elapsed = MonotonicClock.seconds() - start
            naiveLayers[index] = result.seconds
            naiveSeconds += elapsed
            sinceFastPass += elapsed
            if sinceFastPass >= interval {
                try fastPass()
                sinceFastPass = 0
            }
        }
        if sinceFastPass > 0 { try fastPass() }
        return InterleavedPasses(
            naive: NetworkBenchResult(backend: naiveBackend.name, runSeconds: [naiveSeconds], layerSeconds: naiveLayers),
            fast: NetworkBenchResult(backend: fastBackend.name, runSeconds: fastRuns, layerSeconds: fastLayers.map(median)))
    }
}
