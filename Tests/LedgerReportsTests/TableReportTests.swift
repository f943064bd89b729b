import Foundation
import LedgerReports
import NetworkModel
import Testing

struct TableReportTests {
    let ledger: Ledger
    init() throws { ledger = try Ledger.faceNet() }

    /// The JSON of docs/commands.md: one row per layer, with the documented keys.
    @Test func jsonRowsFollowTheContract() throws {
        let text = TableReport.render(ledger.entries, network: ledger.network, format: .json, language: .en)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(rows.count == 338)
        let keys: Set<String> = ["name", "op", "kernel", "stride", "padding", "input", "output", "pad", "lost", "params", "macs", "receptive_field", "note"]
        for row in rows { #expect(Set(row.keys).isSuperset(of: keys)) }
        let conv = try #require(rows.first { $0["name"] as? String == "Conv2d_1a_3x3" })
        #expect(conv["output"] as? [Int] == [79, 79, 32])
        #expect(conv["lost"] as? [Int] == [1, 1])
        #expect(conv["kernel"] as? [Int] == [3, 3])
        #expect(conv["params"] as? Int == 3 * 3 * 3 * 32 + 3 * 32)
        #expect(conv["lost_rows"] as? [Int] == [159])
        #expect(conv["activation_bytes"] as? Int == 79 * 79 * 32 * 4)
        let concat = try #require(rows.first { $0["name"] as? String == "Mixed_6a" })
        #expect(concat["kernel"] is NSNull)
        #expect(concat["output"] as? [Int] == [8, 8, 1088])
        #expect(rows.reduce(0) { $0 + ($1["macs"] as? Int ?? 0) } == 2_877_975_392)
    }

    /// Markdown shows each repeated block once with its count, and the totals.
    @Test func markdownCollapsesRepeats() {
        let text = TableReport.render(ledger.entries, network: ledger.network, format: .markdown, language: .zh)
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("| 20 | Block17") }.count == 7)
        #expect(lines.filter { $0.hasPrefix("| 10 | Block35") }.count == 9)
        #expect(lines.filter { $0.hasPrefix("| 9 | Block8") }.count == 7)
        #expect(lines.filter { $0.hasPrefix("| 1 (final) | Block8 (Block8_10)") }.count == 7)
        #expect(text.contains("| Block17 x20, scale 0.1 | Branch_1 Conv2d_0b_1x7 | (-1,8,8,160) | 160 | 1x7 | 1 | SAME | 补充6列像素 |"))
        #expect(text.contains("54,336,736"))
        #expect(text.contains("2,877,975,392"))
    }

    @Test func textTotals() {
        let text = TableReport.render(ledger.entries, network: ledger.network, format: .text, language: .en)
        #expect(text.contains("parameters: backbone 54,336,736 (incl. 60,544 moving statistics) + Bottleneck 1,575,936 = 55,912,672"))
        #expect(text.contains("multiply-adds: 2,877,975,392 (2.878 G)"))
    }

    @Test func padReportJSON() throws {
        let geometry = try #require(WindowGeometry(input: Size2(8, 8), kernel: Size2(3, 3), stride: Size2(2, 2), padding: .same))
        #expect(PadReport.json(geometry).serialized() == #"{"output":[4,4],"pad":[0,1,0,1],"lost":[0,0]}"#)
        let text = PadReport.text(geometry)
        #expect(text.contains("pad  = max((4 - 1) * 2 + 3 - 8, 0) = 1: before 0, after 1 (the odd pixel goes after)"))
    }
}
