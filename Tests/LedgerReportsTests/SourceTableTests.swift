import NetworkModel
import Testing

@testable import LedgerReports

/// Every figure of the source table (all rows, every instance of a repeat) against the ledger.
struct SourceTableTests {
    let ledger: Ledger
    let rows: [SourceRow]

    init() throws {
        ledger = try Ledger.faceNet()
        rows = SourceRow.all(in: ledger.network)
    }

    @Test func everyRowDescribesExistingLayers() {
        #expect(rows.count == 60)
        let layers = rows.flatMap(\.layers)
        #expect(layers.count == 337)
        for name in layers { #expect(ledger[name] != nil, "\(name)") }
        // Only the embedding is missing from the table.
        #expect(Set(ledger.entries.map(\.name)).subtracting(layers) == ["Embedding"])
    }

    @Test func everyShapeAgrees() {
        for row in rows {
            for name in row.layers {
                #expect(row.shape == ledger[name]!.output.dims, "row \(row.number) \(name)")
            }
        }
    }

    /// Kernel, stride, padding and filters agree everywhere but the global pool's kernel (the table says 1).
    @Test func everyWindowAgreesButTheGlobalPool() {
        for row in rows {
            for name in row.layers {
                let entry = ledger[name]!
                if let outputs = row.outputs { #expect("\(outputs)" == LedgerFormat.filters(entry), "row \(row.number) \(name)") }
                guard let window = entry.window else {
                    #expect(row.kernel == nil && row.padding == nil, "row \(row.number)")
                    continue
                }
                #expect(row.stride == window.stride.height && row.padding == window.padding, "row \(row.number) \(name)")
                if name == "Logits/AvgPool_1a_8x8" {
                    #expect(row.kernel == Size2(1, 1) && window.kernel == Size2(3, 3))
                } else {
                    #expect(row.kernel == window.kernel, "row \(row.number) \(name)")
                }
            }
        }
    }

    /// The table's padding and loss notes, read as numbers, match the ledger's per-side figures.
    @Test func paddingAndLossNotesAgree() {
        var checked = 0
        for row in rows {
            for claim in SourceNoteClaim.claims(note: row.note, repeatText: row.repeatText) {
                for name in row.layers {
                    let entry = ledger[name]!
                    switch claim {
                    case .pads(let rowsPadded, let columnsPadded):
                        #expect(entry.pad.rows == rowsPadded && entry.pad.columns == columnsPadded, "row \(row.number) \(name)")
                        checked += 1
                    case .loses(let rowsLost, let columnsLost):
                        #expect(entry.lostRows.count == rowsLost && entry.lostColumns.count == columnsLost, "row \(row.number) \(name)")
                        checked += 1
                    case .losesNothingBecauseOdd:
                        #expect(!entry.isLossy, "row \(row.number) \(name)")
                        checked += 1
                    case .upsamples, .lastHasNoActivation:
                        break
                    }
                }
            }
        }
        // Padding: 2b, 5x5, two 3x3 and the pool of Mixed_5b (5), 3 rows x 10 Block35 (30), Mixed_6a (1),
        // 2 x 20 Block17 (40), Mixed_7a (1), 2 x 10 Block8 (20) = 97; losses 6; "odd, nothing lost" 3.
        #expect(checked == 106)
    }

    /// The notes the issue calls out, in both languages.
    @Test func generatedNotesAreRightWhereTheSourceIsWrong() {
        let oneBySeven = ledger["Block17_4/Branch_1/Conv2d_0b_1x7"]!
        #expect(LayerNote.text(for: oneBySeven, in: .en) == "pads 6 columns (3 left, 3 right), no rows")
        #expect(LayerNote.text(for: oneBySeven, in: .zh) == "补充6列像素")
        let pool = ledger["MaxPool_3a_3x3"]!
        #expect(!LayerNote.text(for: pool, in: .zh).contains("损失1行"))
        #expect(LayerNote.text(for: pool, in: .zh).contains("不损失像素"))
        #expect(LayerNote.text(for: ledger["Conv2d_1a_3x3"]!, in: .zh) == "损失1行1列像素（第159行，第159列）")
        #expect(LayerNote.text(for: ledger["Conv2d_2b_3x3"]!, in: .zh) == "补充2行2列像素")
        #expect(LayerNote.text(for: ledger["Mixed_5b/Branch_1/Conv2d_0b_5x5"]!, in: .zh) == "补充4行4列像素")
        #expect(LayerNote.text(for: ledger["Conv2d_3b_1x1"]!, in: .en).contains("widens 64 -> 80 channels, map unchanged"))
        #expect(LayerNote.text(for: ledger["Mixed_6a"]!, in: .en) == "concat: Branch_0 384 + Branch_1 384 + Branch_2 320 = 1088")
        #expect(LayerNote.text(for: ledger["Block8_10"]!, in: .en) == "input + 1.0 x up, no activation")
    }

    /// Asymmetric SAME padding (reachable by what-if) names the side that gets the odd pixel.
    @Test func asymmetricPaddingNotes() throws {
        let whatIf = try Ledger.faceNet(NetworkConfiguration(paddingOverrides: ["Conv2d_1a_3x3": .same]))
        let entry = whatIf["Conv2d_1a_3x3"]!
        #expect(entry.pad == SidePadding(top: 0, bottom: 1, left: 0, right: 1))
        #expect(LayerNote.text(for: entry, in: .zh) == "补充1行1列像素（上0下1左0右1，多出的1个补在下方/右侧）")
        #expect(LayerNote.text(for: entry, in: .en) == "pads 1 row and 1 column (0 top, 1 bottom, 0 left, 1 right): the odd pixel goes to the bottom/right")
    }
}
