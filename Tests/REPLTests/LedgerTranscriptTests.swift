import Testing
import ExploreCommands
@testable import REPL

/// Sessions that need no computation: help, where, breakpoints, what-ifs, bad input.
@Suite struct LedgerTranscriptTests {
    @Test func shapeCommandsAndBadInput() throws {
        let file = TranscriptFile(name: "ledger-commands")
        // The provider is there (as in the executable) but nothing in this script computes.
        let output = try SessionRunner.run(try file.script(), settings: try ComputeOptionsProvider.defaultSettings(), provider: ComputeOptionsProvider())
        if let mismatch = try file.mismatch(output) { Issue.record("\(mismatch)") }
    }
}
