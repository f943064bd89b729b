import Exploration
import Testing

@testable import REPL

/// Sessions that need no computation: help, where, breakpoints, what-ifs, bad input.
@Suite struct LedgerTranscriptTests {
    @Test func shapeCommandsAndBadInput() throws {
        let file = TranscriptFile(name: "ledger-commands")
        // The session can compute (as in the executable) but nothing in this script does.
        let output = try SessionRunner.run(try file.script(), settings: SessionSettings())
        if let mismatch = try file.mismatch(output) { Issue.record("\(mismatch)") }
    }
}
