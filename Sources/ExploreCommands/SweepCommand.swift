import ArgumentParser
import JSONText
import LedgerReports
import NetworkModel

/// `explore sweep`: every input size of a range, whether it runs, where it breaks, what it loses.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Every input size from --from to --to: whether the network runs, the first layer that breaks and why, the layers that lose pixels.",
        discussion: "The summary groups the sizes as the enumeration finds them (ranges, or a progression such as '75 + 32k'). Shapes only: no weights, fast."
    )

    /// The largest side swept: the ledger is cheap, but 4096 sizes already take seconds.
    static let largestSize = 4096

    @Option(help: "First input size.")
    var from = 60

    @Option(help: "Last input size.")
    var to = 340

    @Flag(help: "Only the summary, not one line per size.")
    var summary = false

    @Flag(help: "Print {\"from\", \"to\", \"sizes\": [...], \"summary\"} as JSON.")
    var json = false

    @Option(help: "Width of the Bottleneck layer and the embedding.")
    var bottleneck: Int = NetworkConfiguration.defaultBottleneck

    @Option(
        name: .customLong("padding"),
        help: ArgumentHelp("Override a layer's padding at every size, e.g. Mixed_6a=SAME (repeatable).", valueName: "LAYER=SAME|VALID"))
    var paddingOverrides: [PaddingOverride] = []

    func validate() throws {
        guard from >= 1 else { throw ValidationError("--from must be at least 1, got \(from)") }
        guard to <= Self.largestSize else { throw ValidationError("--to must be at most \(Self.largestSize), got \(to)") }
        guard from <= to else { throw ValidationError("--from \(from) is above --to \(to)") }
        guard bottleneck > 0 else { throw ValidationError("--bottleneck must be positive, got \(bottleneck)") }
    }

    func run() throws {
        let overrides = Dictionary(paddingOverrides.map { ($0.layer, $0.padding) }, uniquingKeysWith: { _, last in last })
        let base = NetworkConfiguration(bottleneck: bottleneck, paddingOverrides: overrides)
        _ = try Network.faceNet(base)  // a --padding naming no windowed layer is told once, not per size
        let sweep = InputSweep(sizes: from...to, base: base)
        if json {
            print(sweep.json().serialized(pretty: true))
            return
        }
        if !summary {
            print(sweep.lines().joined(separator: "\n"))
            print()
        }
        print(sweep.summary().joined(separator: "\n"))
    }
}
