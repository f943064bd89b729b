import LedgerReports
import Testing

/// The audit must surface the eight known errors of the source table (docs/source-table.md).
struct SourceAuditTests {
    let audit: SourceAudit

    init() throws { audit = try SourceAudit.faceNetAtSourceConfiguration() }

    func finding(_ kind: AuditFinding.Kind, row: Int, field: String) -> AuditFinding? {
        audit.findings.first { $0.kind == kind && $0.row.number == row && $0.field == field }
    }

    @Test func countsOfEachKind() {
        #expect(audit.count(.disagrees) == 2)
        #expect(audit.count(.mislabels) == 3)
        #expect(audit.comparedFigures - audit.agreeingFigures == 5)
    }

    @Test func theEightKnownErrors() throws {
        // 1. Conv2d_3b_1x1 is not upsampling.
        #expect(finding(.disagrees, row: 6, field: "note")?.ledger == "38x38x64 -> 38x38x80")
        // 2. Loss depends on (in - k) mod s, not on oddness.
        #expect(finding(.clarifies, row: 27, field: "note")?.explanation.contains("(17 - 3) mod 2 = 0") == true)
        // 3. Padding notes count both sides.
        #expect(finding(.clarifies, row: 35, field: "note")?.ledger == "pads 6 columns (3 left, 3 right), no rows")
        // 4. The logits pool has a 3x3 kernel at 160, not 1.
        let pool = try #require(finding(.disagrees, row: 57, field: "kernel size"))
        #expect(pool.source == "1x1" && pool.ledger == "3x3")
        // 5. Mixed_7a's Branch_2 labels and Mixed_6a's "Branch_2 concat".
        #expect(finding(.mislabels, row: 45, field: "name")?.layers == ["Mixed_7a/Branch_2/Conv2d_0b_3x3"])
        #expect(finding(.mislabels, row: 46, field: "name")?.layers == ["Mixed_7a/Branch_2/Conv2d_1a_3x3"])
        #expect(finding(.mislabels, row: 32, field: "name")?.layers == ["Mixed_6a"])
        // 6. The last Block8: scale 1.0, no activation; the others 0.20.
        let scales = audit.findings.filter { $0.row.number == 55 && $0.field == "scale" }
        #expect(scales.map(\.layers) == [(1...9).map { "Block8_\($0)" }, ["Block8_10"]])
        // 7. Bottleneck width is the note's choice; the embedding is its L2-normalised output.
        #expect(finding(.clarifies, row: 60, field: "num outputs")?.explanation.contains("128") == true)
        #expect(finding(.omits, row: 60, field: "layer") != nil)
        // 8. Dropout is the identity at inference.
        #expect(finding(.clarifies, row: 59, field: "layer")?.ledger == "identity at inference")
    }

    @Test func textAndJSONReportEveryFinding() throws {
        let text = AuditReport.text(audit)
        for finding in audit.findings { #expect(text.contains(finding.explanation)) }
        let json = AuditReport.json(audit).serialized()
        #expect(json.hasPrefix("{\"rows\":60,\"layers\":337,"))
    }
}
