import NetworkModel

/// `explore audit`: the source table's figures against the ledger, row by row.
/// A verifier that only agreed with its source would teach nothing: every
/// disagreement comes with the arithmetic or the reference code that explains it.
public struct SourceAudit: Sendable {
    public let rows: [SourceRow]
    public let findings: [AuditFinding]
    /// Figures (shape, outputs, kernel, stride, padding, note claims) compared, over all instances.
    public let comparedFigures: Int
    public let agreeingFigures: Int
    public let layersCovered: Int

    /// Audits FaceNet's network at the source table's configuration (input 160, bottleneck 1024).
    public static func faceNetAtSourceConfiguration() throws -> SourceAudit {
        try SourceAudit(ledger: Ledger.faceNet(NetworkConfiguration(inputSize: 160, bottleneck: 1024)))
    }

    public init(ledger: Ledger) {
        let rows = SourceRow.all(in: ledger.network)
        var findings: [AuditFinding] = []
        var compared = 0
        var agreeing = 0
        for row in rows {
            // Each instance yields (field, source, ledger, explanation, kind) disagreements;
            // identical ones across instances are reported once.
            var perInstance: [[RowCheck.Outcome]] = []
            for name in row.layers {
                guard let entry = ledger[name] else { continue }
                let check = RowCheck(row: row, entry: entry, ledger: ledger)
                compared += check.compared
                agreeing += check.agreeing
                perInstance.append(check.outcomes)
            }
            var reported: Set<String> = []
            for outcomes in perInstance {
                for outcome in outcomes where reported.insert(outcome.key).inserted {
                    let instances = perInstance.indices.filter { perInstance[$0].contains { $0.key == outcome.key } }.map { row.layers[$0] }
                    findings.append(
                        AuditFinding(
                            kind: outcome.kind, row: row, layers: instances, field: outcome.field,
                            source: outcome.source, ledger: outcome.ledger, explanation: outcome.explanation))
                }
            }
        }
        self.rows = rows
        self.findings = findings
        self.comparedFigures = compared
        self.agreeingFigures = agreeing
        self.layersCovered = Set(rows.flatMap(\.layers)).count
    }

    public func count(_ kind: AuditFinding.Kind) -> Int { findings.filter { $0.kind == kind }.count }
}
