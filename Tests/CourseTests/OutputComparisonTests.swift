import Foundation
import Testing

@testable import Course

/// Matching with markers, the diff a drifted command prints, and what `update` records or refuses.
struct OutputComparisonTests {
    static func step(_ expected: [String], status: Int32 = 0) throws -> LessonStep {
        LessonStep(
            line: 10, commandText: "explore x", arguments: ["x"], input: nil,
            expected: try expected.map { try ExpectedLine(text: $0) }, expectedStatus: status,
            outputLines: 10..<(10 + expected.count + (status == 0 ? 0 : 1)))
    }

    static func output(_ lines: [String], _ status: StepStatus = .exited(0)) -> StepOutput {
        StepOutput(lines: lines, status: status, seconds: 0)
    }

    @Test func markersMatchWhatTheySay() throws {
        let expected = try ["a", "...", "took [0-9.]+ ms (re)", "z"].map { try ExpectedLine(text: $0) }
        #expect(OutputAlignment(expected: expected, actual: ["a", "b", "c", "took 1.5 ms", "z"]).cost == 0)
        #expect(OutputAlignment(expected: expected, actual: ["a", "took 12 ms", "z"]).cost == 0)
        #expect(OutputAlignment(expected: expected, actual: ["a", "took 1.5 s", "z"]).cost > 0)
        #expect(OutputAlignment(expected: expected, actual: ["a", "took 1 ms", "z", "extra"]).cost > 0)
        // A pattern matches the whole line, not a part of it.
        let pattern = [try ExpectedLine(text: "[0-9]+ (re)")]
        #expect(OutputAlignment(expected: pattern, actual: ["12"]).cost == 0)
        #expect(OutputAlignment(expected: pattern, actual: ["12 ms"]).cost > 0)
    }

    @Test func oneChangedFigureGivesAReadableDiff() throws {
        let step = try Self.step(["rows: in 17", "lost: 0", "output: 8x8"])
        let diff = try #require(StepDiff.text(file: "L.md", step: step, output: Self.output(["rows: in 17", "lost: 1", "output: 8x8"])))
        #expect(
            diff == """
                --- L.md:10 (expected)
                +++ $ explore x (actual)
                @@ -11,3 +1,3 @@
                 rows: in 17
                -lost: 0
                +lost: 1
                 output: 8x8

                """)
        #expect(StepDiff.text(file: "L.md", step: step, output: Self.output(["rows: in 17", "lost: 0", "output: 8x8"])) == nil)
    }

    @Test func aWildcardCannotSwallowAnExitStatus() throws {
        let step = try Self.step(["..."])
        let diff = try #require(StepDiff.text(file: "L.md", step: step, output: Self.output(["anything", "explore: failed"], .exited(1))))
        #expect(diff.contains("\n+[1]\n"))
        #expect(StepDiff.text(file: "L.md", step: try Self.step(["..."], status: 1), output: Self.output(["x"], .exited(1))) == nil)
    }

    @Test func farApartChangesMakeSeparateHunks() throws {
        let lines = (1...20).map { "line \($0)" }
        var actual = lines
        actual[1] = "changed 2"
        actual[17] = "changed 18"
        let diff = try #require(StepDiff.text(file: "L.md", step: try Self.step(lines), output: Self.output(actual)))
        #expect(diff.components(separatedBy: "\n@@ ").count == 3)
        #expect(!diff.contains("line 10\n"))
    }

    static func run(_ step: LessonStep, _ output: StepOutput) throws -> LessonRun {
        let text =
            "---\ntitle: T\nteaches: t\n---\n\n```console\n$ explore x\n" + step.expected.map(\.text).joined(separator: "\n")
            + (step.expectedStatus == 0 ? "" : "\n[\(step.expectedStatus)]") + "\n```\n"
        let lesson = try LessonParser.parse(text, file: "L.md", url: URL(fileURLWithPath: "/L.md"))
        let parsed = lesson.steps[0]
        return LessonRun(
            lesson: lesson, results: [StepResult(step: parsed, output: output, diff: StepDiff.text(file: "L.md", step: parsed, output: output), pictures: [])])
    }

    @Test func updateKeepsMarkersThatStillMatch() throws {
        let run = try Self.run(
            try Self.step(["took [0-9.]+ ms (re)", "lost: 0", "end", "..."]),
            Self.output(["took 3.25 ms", "lost: 1", "end", "tail", "more"]))
        let recorded = try LessonRecorder.record(run)
        #expect(recorded.changed == 1)
        #expect(recorded.text.contains("$ explore x\ntook [0-9.]+ ms (re)\nlost: 1\nend\n...\n```\n"))
    }

    @Test func updateRefusesToRecordAFailure() throws {
        func refusal(_ output: StepOutput, status: Int32 = 0) throws -> String {
            do {
                _ = try LessonRecorder.record(try Self.run(try Self.step(["ok"], status: status), output))
                return "recorded"
            } catch {
                return "\(error)"
            }
        }
        #expect(try refusal(Self.output(["Fatal error: index out of range"], .signalled(4))) == "L.md:7: not recorded: 'explore x' was killed by signal 4")
        #expect(try refusal(Self.output([], .timedOut(seconds: 5))) == "L.md:7: not recorded: 'explore x' did not finish in 5 s")
        #expect(
            try refusal(Self.output(["explore: no"], .exited(1))).hasPrefix(
                "L.md:7: not recorded: 'explore x' exited with status 1, which the block does not expect"))
        #expect(try refusal(Self.output(["Fatal error: oops"])) == "L.md:7: not recorded: 'explore x' printed 'Fatal error:'")
        #expect(try refusal(Self.output(["..."])) == "L.md:7: not recorded: 'explore x' printed a line that would read as a marker: ...")
        // A failure the block expects is recorded.
        #expect(try refusal(Self.output(["explore: no"], .exited(1)), status: 1) == "recorded")
    }
}
