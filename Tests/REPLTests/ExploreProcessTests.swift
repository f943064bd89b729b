import Testing

/// The real executable: `explore` with no subcommand reads commands from a pipe.
@Suite struct ExploreProcessTests {
    @Test func pipedSessionMatchesItsTranscript() throws {
        let file = TranscriptFile(name: "ledger-commands")
        let (output, status) = try ExploreProcess.run([], input: try file.script())
        #expect(status == 0)
        if let mismatch = try file.mismatch(output) { Issue.record("\(mismatch)") }
    }

    @Test func endOfInputWithoutQuitExitsZero() throws {
        let (output, status) = try ExploreProcess.run([], input: "where\nbogus\n")
        #expect(status == 0)
        #expect(output.contains("error: unknown command 'bogus'"))
    }
}
