import ArgumentParser
import LedgerReports
import NetworkModel

/// `explore table`: the layer table with padding and pixel-loss notes. Shape-only: no weights.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "The layer table: shapes, padding per side, lost pixels, parameters, multiply-adds, receptive fields."
    )

    @Option(help: "text, markdown (the source table's columns) or json (keys in docs/commands.md).")
    var format: TableReport.Format = .text

    @Option(help: "Language of the notes: en, or zh in the source table's phrasing.")
    var lang: Language = .en

    @OptionGroup var network: NetworkOptions

    func run() throws {
        let net = try Network.faceNet(network.configuration)
        do {
            let ledger = try Ledger(network: net)
            print(TableReport.render(ledger.entries, network: net, format: format, language: lang), terminator: "")
        } catch {
            // Print what could be derived, then stop at the failing layer.
            print(TableReport.render(error.partial, network: net, format: format, language: lang, totals: false), terminator: "")
            throw error
        }
    }
}

extension TableReport.Format: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
