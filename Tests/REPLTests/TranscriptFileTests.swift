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

    @Test func recordingRefusesFailuresTheTranscriptDidNotExpect() {
        let expected = "explore> step\nerror: set gemm: 'slow' is not a kernel of this build\n"
        #expect(RecordingRefusal.reason(actual: expected, expected: expected, status: 0) == nil)
        #expect(RecordingRefusal.reason(actual: "ok\n", expected: nil, status: nil) == nil)
        // A new error, a golden failure, a crash: each refused, with the line that shows it.
        #expect(RecordingRefusal.reason(actual: "error: no file 'x'\n", expected: expected, status: nil)?.contains("error: no file 'x'") == true)
        #expect(RecordingRefusal.reason(actual: "  Conv2d_1a_3x3: FAIL: 3 of 9 values off\n", expected: "", status: nil) != nil)
        #expect(RecordingRefusal.reason(actual: "explore: unknown layer 'x'\n", expected: nil, status: 1) != nil)
        #expect(RecordingRefusal.reason(actual: "partial output\n", expected: nil, status: 132)?.contains("signal 4") == true)
    }
}
