import Testing
@testable import REPL

/// Sessions that need no computation: help, where, breakpoints, what-ifs, bad input.
@Suite struct LedgerTranscriptTests {
    @Test func shapeCommandsAndBadInput() throws {
        let file = TranscriptFile(name: "ledger-commands")
        let output = try SessionRunner.run(try file.script())
        if let mismatch = try file.mismatch(output) { Issue.record("\(mismatch)") }
    }
}
