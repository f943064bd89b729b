import ArgumentParser
import Benchmarks
import Exploration

/// `explore bench --ladder` and its options: chosen convolutions computed by every step of
/// the optimisation ladder (`LadderRun`), instead of the usual bench.
struct LadderOptions: ParsableArguments {
    @Flag(
        help:
            "The optimisation ladder instead: each --layer computed by every step from naive loops to Winograd, timed (the bench's protocol) and checked against step 1."
    )
    var ladder = false

    @Option(
        name: .customLong("layer"),
        help: ArgumentHelp(
            "A convolution for --ladder, by its ledger name (repeat for more; default: \(LadderRun.defaultLayers.joined(separator: ", "))).",
            valueName: "NAME"))
    var layers: [String] = []

    @Flag(
        name: .customLong("ladder-forward"),
        help: "With --ladder, also time whole forward passes with each step's convolutions (slow: the naive steps take seconds a pass).")
    var forward = false

    func validate() throws {
        guard ladder || (layers.isEmpty && !forward) else { throw ValidationError("--layer and --ladder-forward go with --ladder") }
    }

    /// Measures and prints the ladder under `timing` (`json`: one JSON object).
    func run(settings: SessionSettings, protocol timing: BenchProtocol, json: Bool) throws {
        let report = try LadderRun.measure(
            settings: settings, layers: layers.isEmpty ? LadderRun.defaultLayers : layers, forward: forward, protocol: timing,
            warning: warn, progress: { writeStandardError("bench: \($0)\n") })
        print(json ? report.json.serialized(pretty: true) : report.text)
    }
}
