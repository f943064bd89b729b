import Exploration
import Testing

@testable import REPL

/// TAB completion: which words are offered after which words (hand-listed).
@Suite struct CompleterTests {
    let completer = Completer(layerNames: ["Mixed_6a/Branch_0/Conv2d_1a_3x3", "Mixed_6a/Branch_1/Conv2d_0a_1x1", "Mixed_6a", "Mixed_7a", "Conv2d_1a_3x3"])

    @Test func commandsFirst() {
        #expect(completer.candidates(before: "", word: "ins") == ["inspect"])
        #expect(completer.candidates(before: "", word: "s") == ["step", "show", "set"])
    }

    @Test func layerNamesAfterLayerCommands() {
        #expect(completer.candidates(before: "inspect ", word: "Mixed_6a/") == ["Mixed_6a/Branch_0/Conv2d_1a_3x3", "Mixed_6a/Branch_1/Conv2d_0a_1x1"])
        #expect(completer.candidates(before: "break ", word: "Mixed_7") == ["Mixed_7a"])
        #expect(completer.candidates(before: "run to ", word: "Conv") == ["Conv2d_1a_3x3"])
    }

    @Test func settingsAndTheirValues() {
        #expect(completer.candidates(before: "set ", word: "in") == ["input", "input-size"])
        #expect(completer.candidates(before: "set substeps ", word: "o") == ["on", "off"])
        #expect(completer.candidates(before: "set gemm ", word: "") == ["naive", "fast"])
        #expect(completer.candidates(before: "set padding ", word: "Mixed_6a/Branch_0") == ["Mixed_6a/Branch_0/Conv2d_1a_3x3"])
        #expect(completer.candidates(before: "set padding Conv2d_1a_3x3 ", word: "S") == ["SAME"])
    }

    @Test func fileNamesWhereAFileIsExpected() {
        #expect(completer.candidates(before: "set input ", word: "/tm") == nil)
        #expect(completer.candidates(before: "show Mixed_6a --png ", word: "") == nil)
    }

    @Test func nothingAfterCommandsWithoutArguments() {
        #expect(completer.candidates(before: "where ", word: "") == [])
        #expect(completer.candidates(before: "bogus ", word: "x") == [])
    }
}
