import ArgumentParser
import COpenBLAS
import Computation
import FastComputation
import GEMM
import ModelData
import NetworkModel
import Tensors

/// `explore bench`: GFLOPS of every GEMM kernel (and OpenBLAS as the baseline) on
/// 1024^3 and on the network's own shapes, then the whole forward pass naive vs fast.
///
/// Every figure is measured in this one run, kernels interleaved round by round, so
/// the ratios hold even on a machine shared with other work; absolute times do not.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Naive vs optimised kernels: GEMM GFLOPS (with OpenBLAS as baseline), forward time, peak memory.",
        discussion: "Runs every kernel, so --gemm is ignored. Figures are measured in this one run; compare ratios, not absolute times, on a shared machine."
    )

    /// Weights, input and what-ifs; `--gemm` is ignored (the bench runs every kernel).
    @OptionGroup var compute: ComputeOptions

    @Flag(help: "Print one JSON object (keys documented in docs/commands.md).")
    var json = false

    @Flag(help: "Skip the slow naive figures (the naive 1024^3 GEMM and the naive forward pass).")
    var quick = false

    @Option(help: "Timed rounds per GEMM kernel and shape (the best and the median are reported).")
    var rounds = 15

    @Option(help: "Timed fast forward passes (the median is reported).")
    var runs = 9

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds): try --rounds 15") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs): try --runs 9") }
    }

    func run() throws {
        let ledger = try compute.makeLedger()
        var machine = BenchMachine.current()
        openblas_set_num_threads(Int32(machine.cores))
        func progress(_ text: String) { writeStandardError("bench: \(text)\n") }
        let weights = try compute.makeWeights(for: ledger)
        let input = try compute.makeInput(size: compute.network.inputSize)

        // The forward pass first, so the peak resident memory is the fast path's alone.
        progress("fast forward: folding and packing weights")
        let initStart = MonotonicClock.seconds()
        var fastBackend: FastBackend? = try FastBackend(ledger: ledger, weights: weights)
        let initSeconds = MonotonicClock.seconds() - initStart
        progress("fast forward: \(runs) runs")
        let fast = try NetworkBenchResult.measure(ledger: ledger, backend: fastBackend!, input: input, runs: runs, warmUp: true)
        let peakRSS = BenchMachine.peakResidentMegabytes()

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
        let report = BenchReport(machine: machine, ledger: ledger, gemm: results, fast: fast, naive: interleaved?.naive, fastWithNaive: interleaved?.fast,
                                 fastInitSeconds: initSeconds, peakRSSMegabytes: peakRSS, rounds: rounds)
        print(json ? report.json.serialized(pretty: true) : report.text)
    }
}
