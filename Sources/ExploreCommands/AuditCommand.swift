import ArgumentParser
import LedgerReports

/// `explore audit`: where the source table and TensorFlow's arithmetic part ways, and why.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Compare the source table's figures with the computed ledger and explain every disagreement."
    )

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func run() throws {
        let audit = try SourceAudit.faceNetAtSourceConfiguration()
        print(json ? AuditReport.json(audit).serialized(pretty: true) : AuditReport.text(audit))
    }
}
