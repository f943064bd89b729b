import ArgumentParser
import Exploration
import LedgerReports
import NetworkModel

/// `explore table`: the layer table with padding and pixel-loss notes. Shape-only: no weights.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "The layer table: shapes, padding per side, lost pixels, parameters, multiply-adds, receptive fields.",
        discussion: "Examples: explore table Mixed_6a; explore table 'Block17_*/Branch_1/*'; explore table --only lossy --input-size 299"
    )

    @Argument(
        help: ArgumentHelp(
            "Only this layer or block and what is inside it (Mixed_6a), or the paths a glob matches ('Block17_*/Branch_1/*').", valueName: "PATTERN"))
    var pattern: String?

    @Option(
        help: ArgumentHelp(
            "Only the layers that read padding (padded), never read some pixels (lossy), or have a --padding what-if (overridden).",
            valueName: "padded|lossy|overridden"))
    var only: TableFilter.Only?

    @Option(help: "text, markdown (the source table's columns) or json (keys in docs/commands.md).")
    var format: TableReport.Format = .text

    @OptionGroup var language: LanguageOption

    @Flag(help: "Text: every column on one line, however wide (default: fitted to $COLUMNS or the terminal).")
    var wide = false

    @OptionGroup var network: NetworkOptions

    func run() throws {
        let net = try Network.faceNet(network.configuration)
        let filter = TableFilter(pattern: pattern, only: only)
        let width = wide ? nil : Terminal.columns()
        var failure: LedgerError? = nil
        let all: [LedgerEntry]
        do {
            all = try Ledger(network: net).entries
        } catch {
            failure = error
            all = error.partial
        }
        if let pattern, let message = TableFilter.noMatch(pattern, in: net.layers.map(\.name)) {
            throw ExploreError(message)
        }
        let shown = filter.apply(all, configuration: network.configuration)
        if shown.isEmpty && format != .json {
            print("no layer\(pattern.map { " matching '\($0)'" } ?? "")\(only.map { " is \($0.rawValue)" } ?? "") (of \(all.count) layers)")
        } else {
            // Totals describe the whole network; a filtered table says how much of it is shown.
            print(
                TableReport.render(
                    shown, network: net, format: format, language: language.lang, totals: failure == nil && !filter.isActive,
                    width: width, lossSummary: failure == nil), terminator: "")
        }
        if filter.isActive && format != .json && !shown.isEmpty {
            print("\(shown.count) of \(all.count) layers shown")
        }
        if let failure { throw failure }
    }
}

extension TableReport.Format: ExpressibleByArgument {}
extension TableFilter.Only: ExpressibleByArgument {}
