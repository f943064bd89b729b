import Exploration
import TestSupport
import Testing

@testable import REPL

/// The smaller REPL and command-line faults a student met (issue 19), each pinned down.
@Suite struct Issue19FixesTests {
    @Test func clearSuggestsResetNotBreak() {
        #expect(throws: CommandError("unknown command 'clear': did you mean 'reset'? type 'help' for the list")) {
            try CommandParser.parse("clear")
        }
        #expect(CommandCatalog.suggestions(for: "brek").first == "break")
    }

    @Test func tabCompletesPaddingValuesInAnyCase() {
        let completer = Completer(layerNames: ["Conv2d_1a_3x3"])
        #expect(completer.candidates(before: "set padding Conv2d_1a_3x3 ", word: "") == ["SAME", "VALID", "default"])
        #expect(completer.candidates(before: "set padding Conv2d_1a_3x3 ", word: "s") == ["SAME"])
        #expect(completer.candidates(before: "set padding Conv2d_1a_3x3 ", word: "V") == ["VALID"])
        #expect(completer.candidates(before: "render ", word: "--p") == ["--png"])
    }

    @Test func setPaddingAllDefaultDropsEveryOverride() throws {
        #expect(try CommandParser.parse("set padding all default") == .set(.padding(layer: "all", nil)))
        #expect(throws: CommandError.self) { try CommandParser.parse("set padding all SAME") }
        let text = try SessionRunner.run("set padding Conv2d_1a_3x3 SAME\nset padding Mixed_6a/Branch_0/Conv2d_1a_3x3 SAME\nset padding all default\nwhere\n")
        #expect(text.contains("every padding as declared (2 overrides dropped): shapes re-derived"))
        #expect(text.contains("network: input 160x160, bottleneck 1024, paddings as declared"))
    }

    @Test func renderTakesPNGInTheREPL() throws {
        #expect(try CommandParser.parse("render Mixed_6a --png") == .render(expand: "Mixed_6a", force: false, png: true))
    }

    /// After a what-if that breaks Mixed_6a, `run to Mixed_6a` computes every op before the
    /// failure (as `continue` does) and says where it stopped, instead of computing nothing.
    @Test func runToTheBrokenBlockRunsUpToTheFailure() throws {
        let text = try SessionRunner.run("set padding Mixed_6a/Branch_0/Conv2d_1a_3x3 SAME\nrun to Mixed_6a\nwhere\n")
        #expect(text.contains("stopped: the network breaks at 'Mixed_6a': branches disagree spatially"))
        #expect(text.contains("112 ops ran before it"))
        #expect(!text.contains("breaks earlier"))
        #expect(text.contains("op 112 of 112") || text.contains("(op 112 of"))
    }

    @Test func rangesAreInclusiveAndCountsAgree() {
        #expect(NumberFormat.span(0, 384) == "0-383")
        #expect(NumberFormat.span(5, 6) == "5")
        #expect(NumberFormat.count(1, "op") == "1 op")
        #expect(NumberFormat.count(3, "op") == "3 ops")
    }

    @Test func padHelpShowsTheStrideDefaultAsASize() throws {
        let result = try ExploreBinary.run(["pad", "--help"])
        #expect(result.standardOutput.contains("(default: 1x1)"))
        #expect(!result.standardOutput.contains("Size2Argument"))
    }

    /// `explore step` through a breaking what-if ends with one error line, no REPL advice.
    @Test func stepThroughABrokenBlockGivesNoREPLAdvice() throws {
        let result = try ExploreBinary.run(["step", "Mixed_6a", "--padding", "Mixed_6a/Branch_0/Conv2d_1a_3x3=SAME"], mergingStandardError: true)
        #expect(result.status != 0)
        #expect(!result.standardOutput.contains("'set'"))
        #expect(
            result.standardOutput.hasSuffix(
                "explore: the network breaks at 'Mixed_6a': branches disagree spatially: Branch_0 9x9x384, Branch_1 8x8x384, Branch_2 8x8x320 (input 9x9x384, 8x8x384, 8x8x320)\n"
            ))
    }
}

/// The REPL's table takes the command line's filters (issue 19).
@Suite struct REPLTableFilterTests {
    @Test func parsesPatternAndOnly() throws {
        #expect(try CommandParser.parse("table Mixed_6a --only padded") == .table(format: "text", language: "en", pattern: "Mixed_6a", only: "padded"))
        #expect(throws: CommandError.self) { try CommandParser.parse("table --only bogus") }
    }

    @Test func filtersTheSessionsTable() throws {
        let text = try SessionRunner.run("table Mixed_6a --only padded\n")
        #expect(text.contains("Mixed_6a/Branch_1/Conv2d_0b_3x3"))
        #expect(text.contains("1 of 338 layers shown"))
    }
}

/// Where the width for a fitted table comes from (the pager itself needs a terminal).
@Suite struct TerminalWidthTests {
    @Test func columnsFromTheEnvironment() {
        #expect(Terminal.columns(environment: ["COLUMNS": "100"]) == 100)
        // Nonsense is ignored; without a terminal on standard output (as under a test) there is no width.
        #expect(Terminal.columns(environment: ["COLUMNS": "abc"]) == nil)
        #expect(Terminal.columns(environment: ["COLUMNS": "5"]) == nil)
    }
}
