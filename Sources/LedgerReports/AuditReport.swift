import JSONText

/// The audit as text or JSON.
public enum AuditReport {
    public static func text(_ audit: SourceAudit) -> String {
        var lines = [
            "Audit of the source table (docs/source-table.md, 160x160 input) against the ledger",
            "\(audit.rows.count) rows describing \(audit.layersCovered) layers; \(audit.agreeingFigures) of \(audit.comparedFigures) figures agree.",
            AuditFinding.Kind.allCases.map { "\(audit.count($0)) \($0.rawValue)" }.joined(separator: ", "),
            "",
        ]
        for kind in AuditFinding.Kind.allCases {
            let group = audit.findings.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            lines.append("== the table \(kind.rawValue) (\(group.count))")
            for finding in group {
                lines.append("row \(finding.row.number) \(finding.row.label) [\(finding.layerText)] \(finding.field):")
                lines.append("    table:  \(finding.source)")
                lines.append("    ledger: \(finding.ledger)")
                lines.append("    why:    \(finding.explanation)")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    public static func json(_ audit: SourceAudit) -> JSONValue {
        .object([
            ("rows", .int(audit.rows.count)),
            ("layers", .int(audit.layersCovered)),
            ("figures_compared", .int(audit.comparedFigures)),
            ("figures_agreeing", .int(audit.agreeingFigures)),
            (
                "findings",
                .array(
                    audit.findings.map { finding in
                        .object([
                            ("kind", .string(finding.kind.rawValue)),
                            ("row", .int(finding.row.number)),
                            ("label", .string(finding.row.label)),
                            ("layers", .array(finding.layers.map(JSONValue.string))),
                            ("field", .string(finding.field)),
                            ("table", .string(finding.source)),
                            ("ledger", .string(finding.ledger)),
                            ("why", .string(finding.explanation)),
                        ])
                    })
            ),
        ])
    }
}
