import LedgerReports
import Testing

/// The audit's "not because 17x17 is odd" note carries an odd size that does lose pixels.
struct OddCounterexampleTests {
    /// Rows of `size` that no VALID window of `kernel` with `stride` covers, by enumerating the windows.
    static func bruteForceLost(size: Int, kernel: Int, stride: Int) -> Int {
        var read = Array(repeating: false, count: size)
        var start = 0
        while start + kernel <= size {
            for index in start..<(start + kernel) { read[index] = true }
            start += stride
        }
        return read.filter { !$0 }.count
    }

    @Test func theNoteNamesAnOddSizeThatLosesARow() throws {
        let audit = try SourceAudit.faceNetAtSourceConfiguration()
        let note = try #require(audit.findings.first { $0.kind == .clarifies && $0.row.number == 27 && $0.field == "note" })
        let lost = Self.bruteForceLost(size: 17, kernel: 2, stride: 2)
        #expect(lost == 1)
        #expect(note.explanation.contains("odd is no guarantee: 17 with kernel 2, stride 2 loses \(lost) row"))
        #expect(note.explanation.contains("explore pad --size 17 --kernel 2 --stride 2 --padding VALID"))
    }
}
