import NetworkModel
import Testing

@testable import LedgerReports

/// The sweep's per-size outcomes against a brute-force ledger per size, and its summary's
/// wording against sets whose description is known by construction.
struct InputSweepTests {
    @Test func everySizeAgreesWithItsOwnLedger() throws {
        let sweep = InputSweep(sizes: 70...110, base: NetworkConfiguration())
        for (size, outcome) in zip(sweep.sizes, sweep.outcomes) {
            do {
                let ledger = try Ledger.faceNet(NetworkConfiguration(inputSize: size))
                #expect(outcome == .runs(lossy: ledger.entries.filter { !$0.lostRows.isEmpty || !$0.lostColumns.isEmpty }.map(\.name)), "size \(size)")
            } catch let error as LedgerError {
                #expect(outcome == .breaks(layer: error.layer, reason: error.reason), "size \(size)")
            }
        }
    }

    /// A size loses nothing exactly when every VALID stride-2 window of the stem and the
    /// reductions fits: checked here by walking TensorFlow's VALID rule by hand.
    @Test func losslessSizesFollowTheValidWindowRule() {
        let sweep = InputSweep(sizes: 75...200, base: NetworkConfiguration())
        for (size, outcome) in zip(sweep.sizes, sweep.outcomes) {
            // Conv2d_1a (3, s2), MaxPool_3a (3, s2), MaxPool_5a (3, s2), Mixed_6a (3, s2), Mixed_7a (3, s2),
            // with the stride-1 VALID convolutions Conv2d_2a (3) and Conv2d_4a (3) shrinking by 2.
            var side = size
            var fits = true
            for (kernel, stride) in [(3, 2), (3, 1), (3, 2), (3, 1), (3, 2), (3, 2), (3, 2)] {
                if (side - kernel) % stride != 0 { fits = false }
                side = (side - kernel) / stride + 1
            }
            #expect((outcome == .runs(lossy: [])) == fits, "size \(size)")
        }
    }

    @Test func summaryFindsTheProgressionAndTheBreakingRange() {
        let lines = InputSweep(sizes: 60...340, base: NetworkConfiguration()).summary()
        #expect(lines[0] == "281 sizes, 60 to 340: 266 run, 15 break")
        #expect(lines[1].hasPrefix("  60-74 break at Mixed_7a/Branch_0/Conv2d_1a_3x3 (at 74: "))
        #expect(lines[2] == "  75 + 32k (75, 107, 139, ... 331) run and lose nothing")
        #expect(lines[3].hasPrefix("  the other sizes from 76 to 340 run but lose pixels; most often in Conv2d_1a_3x3 ("))
    }

    @Test func sizeSetDescriptions() {
        #expect(SizeSet([3, 4, 5, 9], within: 1...20).description == "3-5, 9")
        #expect(SizeSet([5, 12, 19, 26], within: 1...30).description == "5 + 7k (5, 12, 19, ... 26)")
        // 19 and 33 missing: no progression, so the runs are listed.
        #expect(SizeSet([5, 12, 26, 40], within: 1...40).description == "5, 12, 26, 40")
        #expect(SizeSet([1, 2, 4, 6, 8, 10], within: 1...10).description == "1-2, 4, 6, 8 and 1 more ranges")
        // Two residues of one period.
        #expect(SizeSet([3, 5, 13, 15, 23, 25], within: 1...26).description == "3 + 10k and 5 + 10k (3, 5, 13, ... 25)")
    }

    @Test func filterMatchesBlocksAndGlobs() {
        #expect(TableFilter.matches("Mixed_6a/Branch_0/Conv2d_1a_3x3", pattern: "Mixed_6a"))
        #expect(TableFilter.matches("Mixed_6a", pattern: "Mixed_6a"))
        #expect(!TableFilter.matches("Mixed_6ab", pattern: "Mixed_6a"))
        #expect(TableFilter.matches("Block17_12/Branch_1/Conv2d_0b_1x7", pattern: "Block17_*/Branch_1/*"))
        #expect(!TableFilter.matches("Block17_12/Branch_0/Conv2d_1x1", pattern: "Block17_*/Branch_1/*"))
        #expect(TableFilter.matches("Block8_1", pattern: "Block8_?"))
        #expect(!TableFilter.matches("Block8_10", pattern: "Block8_?"))
        let ledger = try! Ledger.faceNet(NetworkConfiguration(paddingOverrides: ["Conv2d_1a_3x3": .same]))
        let filter = TableFilter(only: .overridden)
        #expect(filter.apply(ledger.entries, configuration: ledger.network.configuration).map(\.name) == ["Conv2d_1a_3x3"])
        let lossy = TableFilter(only: .lossy).apply(try! Ledger.faceNet().entries, configuration: NetworkConfiguration())
        #expect(lossy.map(\.name).first == "Conv2d_1a_3x3" && lossy.count == 6)
    }

    @Test func fittedTableNeverExceedsTheWidth() throws {
        let ledger = try Ledger.faceNet()
        for width in [80, 120] {
            let text = TableReport.render(ledger.entries, network: ledger.network, format: .text, language: .en, width: width)
            let table = text.components(separatedBy: "\n\n")[0]
            #expect(table.contains("(fitted to \(width) columns"))
            for line in table.split(separator: "\n") {
                #expect(line.count <= width, "\(width): \(line)")
            }
        }
        let wide = TableReport.render(ledger.entries, network: ledger.network, format: .text, language: .en)
        #expect(wide.split(separator: "\n").map(\.count).max()! > 200)
    }
}
