import Testing

/// The transcript comparison itself must be able to fail.
@Suite struct TranscriptFileTests {
    @Test func wildcardMatchesWithinALine() {
        #expect(TranscriptFile.line("a 12 b", matches: "a {*} b"))
        #expect(TranscriptFile.line("abc", matches: "a{*}c"))
        #expect(!TranscriptFile.line("a 12 c", matches: "a {*} b"))
        #expect(!TranscriptFile.line("x", matches: "y"))
        #expect(!TranscriptFile.line("ab", matches: "ab{*}ab"))
    }

    @Test func timingsAreBlanked() {
        #expect(TranscriptFile.normalise("took 12.34 ms, then   0.05 ms") == "took {ms}, then {ms}")
        #expect(TranscriptFile.normalise("  Mixed_6a  6 ops    12.50 ms   27.0%") == "  Mixed_6a  6 ops {ms} {share}")
        #expect(TranscriptFile.normalise("min 0.1234 max 2") == "min 0.1234 max 2")
        #expect(TranscriptFile.normalise("max rel error 3.4e-06, ok") == "max rel error {e}, ok")
    }
}
