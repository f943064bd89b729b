import Computation
import Exploration
import FastComputation
import GEMM
import NetworkModel

/// One `explore bench`: the fast forward pass, every GEMM kernel (and OpenBLAS when it is
/// installed) on 1024^3 and on the network's own shapes, then the naive pass with fast
/// passes interleaved for the speedup.
public enum BenchRun {
    /// Measures everything for the network `settings` describe (its kernels choice is ignored:
    /// every kernel runs). `quick` skips the slow naive figures; `progress` gets one line per stage.
    public static func measure(
        settings: SessionSettings, quick: Bool, rounds: Int, runs: Int,
        warning: (String) -> Void, progress: (String) -> Void
    ) throws -> BenchReport {
        let ledger = try settings.makeLedger()
        var machine = BenchMachine.current()
        OpenBLASGEMM.installed?.use(threads: machine.cores)
        let weights = try settings.makeWeights(for: ledger, warning: warning)
        let input = try settings.makeInput()

        // The forward pass first, so the peak resident memory is the fast path's alone.
        progress("fast forward: folding and packing weights")
        let initStart = MonotonicClock.seconds()
        var fastBackend: FastBackend? = try FastBackend(ledger: ledger, weights: weights)
        let initSeconds = MonotonicClock.seconds() - initStart
        progress("fast forward: \(runs) runs")
        let fast = try NetworkBenchResult.measure(ledger: ledger, backend: fastBackend!, input: input, runs: runs, warmUp: true)
        let peakRSS = BenchMachine.peakResidentMegabytes()

        if OpenBLASGEMM.installed == nil {
            warning("no OpenBLAS library found (\(OpenBLASGEMM.libraryNames.joined(separator: ", "))): the GEMM table has no baseline column")
        }
        var results: [GEMMBenchResult] = []
        for shape in GEMMBenchShape.list(ledger: ledger) {
            progress("GEMM \(shape.label) \(shape.m)x\(shape.n)x\(shape.k)")
            results.append(GEMMBenchResult.measure(shape, rounds: rounds, skipNaive: quick && shape.flops > 500_000_000))
        }

        // The speedup: the naive pass, with fast passes interleaved (`InterleavedPasses`).
        var interleaved: InterleavedPasses? = nil
        if !quick, let backend = fastBackend {
            progress("naive forward: 1 run (slow), a fast run after every \(Int(InterleavedPasses.defaultInterval * 1000)) ms of it")
            let naiveBackend = try NaiveBackend(ledger: ledger, weights: weights)
            interleaved = try InterleavedPasses.measure(ledger: ledger, naive: naiveBackend, fast: backend, input: input)
        }
        fastBackend = nil
        // The peak again at the end, and the higher of the two: a busy moment at the start
        // would make every fraction of it look better than it is.
        machine.peakGFLOPS = max(machine.peakGFLOPS, FMAPeak.measure())
        return BenchReport(
            machine: machine, ledger: ledger, gemm: results, fast: fast, naive: interleaved?.naive, fastWithNaive: interleaved?.fast,
            fastInitSeconds: initSeconds, peakRSSMegabytes: peakRSS, rounds: rounds)
    }
}
