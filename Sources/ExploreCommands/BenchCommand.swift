import ArgumentParser
import Benchmarks
import JSONText

/// `explore bench`: the whole forward pass fast against naive, and the GEMM of the
/// network's layers as the network calls it against OpenBLAS and the naive kernel, every
/// figure under one frozen `BenchProtocol`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Naive vs optimised: whole forward pass, GEMM of the network's layers (OpenBLAS as baseline), peak memory.",
        discussion: """
            Every timed subject (the fast and the naive forward pass, the fast, OpenBLAS and \
            naive GEMM of each layer) gets the same treatment: one untimed warm-up call, then \
            --samples timed samples (at least \(BenchProtocol.minimumSamples)), the subjects' order rotated every round \
            so that none always runs first or last. Each figure is the median of its samples, \
            printed with their spread (min..max) and its thread count; every ratio is one \
            median over another. The naive subjects run on 1 thread, the fast ones and OpenBLAS \
            on every core. The fast GEMM of a layer is that layer run as the network runs it (weights packed at \
            load, the input read in place or through im2col, bias and ReLU fused); OpenBLAS and the naive kernel \
            multiply the same A, gathered before the clock, by the plain folded weights. --quick skips the naive subjects. Figures come from this one run, \
            on a machine that may be shared (the load average is printed): compare ratios, \
            quote a figure with its spread and the command that gave it. Runs every kernel, \
            so --gemm is ignored. With --ladder, each --layer is computed by every step of the \
            optimisation ladder instead, each step a subject under the same protocol.
            """
    )

    /// Weights, input and what-ifs; `--gemm` is ignored (the bench runs every kernel).
    @OptionGroup var compute: ComputeOptions

    @Flag(help: "Print one JSON object (keys documented in docs/commands.md).")
    var json = false

    @Flag(help: "Skip the naive subjects (the naive forward pass and the naive GEMM).")
    var quick = false

    @Option(help: "Timed samples of every subject, ladder steps included (at least \(BenchProtocol.minimumSamples), at most \(Self.maximumSamples)).")
    var samples = BenchProtocol.frozen.samples

    /// `--ladder` and its options (`LadderOptions`).
    @OptionGroup var ladder: LadderOptions

    /// More samples than this is a typo, not a benchmark (each naive pass takes seconds).
    static let maximumSamples = 1000

    func validate() throws {
        guard samples >= BenchProtocol.minimumSamples, samples <= Self.maximumSamples else {
            throw ValidationError(
                "--samples must be \(BenchProtocol.minimumSamples) to \(Self.maximumSamples), got \(samples): try --samples \(BenchProtocol.frozen.samples)")
        }
    }

    func run() throws {
        let protocol_ = BenchProtocol(warmUpCalls: BenchProtocol.frozen.warmUpCalls, samples: samples)!
        if ladder.ladder { return try ladder.run(settings: compute.settings, protocol: protocol_, json: json) }
        let report = try BenchRun.measure(
            settings: compute.settings, protocol: protocol_, quick: quick,
            warning: warn, progress: { writeStandardError("bench: \($0)\n") })
        print(json ? report.json.serialized(pretty: true) : report.text)
    }
}
