import TestSupport
import Testing

/// The real executable: `explore` with no subcommand reads commands from a pipe.
@Suite struct ExploreProcessTests {
    @Test func pipedSessionMatchesItsTranscript() throws {
        let file = TranscriptFile(name: "ledger-commands")
        let result = try ExploreBinary.run([], input: try file.script(), mergingStandardError: true)
        let (output, status) = (result.standardOutput, result.status)
        #expect(status == 0)
        if let mismatch = try file.mismatch(output, status: status) { Issue.record("\(mismatch)") }
    }

    /// `explore step` as a one-shot command, on the stem's first convolution (cheap).
    @Test func stepCommandOnTheFirstConvolution() throws {
        let file = TranscriptFile(name: "explore-step-Conv2d_1a_3x3")
        let result = try ExploreBinary.run(["step", "Conv2d_1a_3x3", "--gemm", "naive"], input: "", mergingStandardError: true)
        let (output, status) = (result.standardOutput, result.status)
        #expect(status == 0)
        if let mismatch = try file.mismatch(output, status: status) { Issue.record("\(mismatch)") }
    }

    @Test func stepCommandRejectsAnUnknownLayerInOneLine() throws {
        let result = try ExploreBinary.run(["step", "Mixed_6b"], input: "", mergingStandardError: true)
        let (output, status) = (result.standardOutput, result.status)
        #expect(status != 0)
        #expect(output == "explore: unknown layer 'Mixed_6b': did you mean 'Mixed_5b', 'Mixed_6a', 'Mixed_7a'?\n")
    }

    @Test func endOfInputWithoutQuitExitsZero() throws {
        let result = try ExploreBinary.run([], input: "where\nbogus\n", mergingStandardError: true)
        let (output, status) = (result.standardOutput, result.status)
        #expect(status == 0)
        #expect(output.contains("error: unknown command 'bogus'"))
    }
}
