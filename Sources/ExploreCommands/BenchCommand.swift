import ArgumentParser
import Benchmarks
import JSONText

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

    /// `--ladder` and its options (`LadderOptions`).
    @OptionGroup var ladder: LadderOptions

    @Option(help: "Timed rounds per GEMM kernel and shape (the best and the median are reported).")
    var rounds = 15

    @Option(help: "Timed fast forward passes (the median is reported).")
    var runs = 9

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds): try --rounds 15") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs): try --runs 9") }
    }

    func run() throws {
        if ladder.ladder { return try ladder.run(settings: compute.settings, json: json) }
        let report = try BenchRun.measure(
            settings: compute.settings, quick: quick, rounds: rounds, runs: runs,
            warning: warn, progress: { writeStandardError("bench: \($0)\n") })
        print(json ? report.json.serialized(pretty: true) : report.text)
    }
}
