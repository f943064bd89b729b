import Foundation
import Testing

@testable import Course

/// The lesson format: front matter, console blocks, heredocs, markers, and one-line errors with file and line.
struct LessonParserTests {
    static func parse(_ body: String) throws -> Lesson {
        try LessonParser.parse("---\ntitle: T\nteaches: t\n---\n" + body, file: "L.md", url: URL(fileURLWithPath: "/L.md"))
    }

    /// The error `body` gives, as the user reads it.
    static func error(_ body: String) -> String {
        do {
            _ = try parse(body)
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func readsCommandsOutputMarkersAndStatus() throws {
        let lesson = try Self.parse(
            """
            # T

            ```console
            $ explore pad --size 8 --kernel '1x7' --padding SAME --json
            {"output":[8,8]}
            ...
            time [0-9.]+ ms (re)
            $ explore table --padding X=SAME
            [1]
            ```

            ```sh
            $ ls
            ```
            """)
        #expect(lesson.title == "T" && lesson.teaches == "t")
        #expect(lesson.blocks.count == 1)
        let steps = lesson.steps
        #expect(steps.count == 2)
        #expect(steps[0].line == 8)
        #expect(steps[0].arguments == ["pad", "--size", "8", "--kernel", "1x7", "--padding", "SAME", "--json"])
        #expect(steps[0].expected == [.literal("{\"output\":[8,8]}"), .wildcard, .pattern("time [0-9.]+ ms")])
        #expect(steps[0].expectedStatus == 0)
        #expect(steps[1].expected.isEmpty && steps[1].expectedStatus == 1)
        #expect(steps[1].outputLines == 12..<13)
    }

    @Test func aHeredocFeedsTheREPL() throws {
        let lesson = try Self.parse("```console\n$ explore <<'EOF'\n> where\n>\n> quit\n> EOF\nexplore> where\n```\n")
        let step = try #require(lesson.steps.first)
        #expect(step.arguments.isEmpty)
        #expect(step.input == "where\n\nquit\n")
        #expect(step.expected == [.literal("explore> where")])
    }

    @Test func malformedLessonsNameFileAndLine() {
        #expect(Self.error("text\n```console\n$ explore pad\n") == "L.md:6: unclosed ``` fence (no closing ``` after it)")
        #expect(Self.error("```console\n$ ls -l\n```\n") == "L.md:6: only explore commands run in lessons, not 'ls'")
        #expect(Self.error("```console\n$ explore pad | head\n```\n") == "L.md:6: shell syntax '|' is not supported in a lesson's command; quote it")
        #expect(Self.error("```console\n$ explore <<'EOF'\n> where\n```\n") == "L.md:6: the heredoc is not closed by a '> EOF' line")
        #expect(Self.error("```console\noutput\n```\n") == "L.md:6: output before any '$ explore ...' command")
        #expect(Self.error("```console\n$ explore pad\n[1]\nmore\n```\n") == "L.md:7: an exit status line like [1] goes last, right after the output")
        #expect(Self.error("```console\n$ explore pad\na( (re)\n```\n").hasPrefix("L.md:7: not a valid regular expression"))
        #expect(Self.error("```console\n$ explore 'pad\n```\n") == "L.md:6: unterminated quote in the command")
        #expect(Self.error("```console\n```\n") == "L.md:5: empty console block: it needs a '$ explore ...' line")
    }

    @Test func frontMatterIsRequired() {
        #expect(throws: LessonError(file: "L.md", line: 1, "a lesson starts with front matter: ---, title: ..., teaches: ..., ---")) {
            try LessonParser.parse("# T\n", file: "L.md", url: URL(fileURLWithPath: "/L.md"))
        }
        #expect(throws: LessonError(file: "L.md", line: 1, "the front matter has no 'teaches:'")) {
            try LessonParser.parse("---\ntitle: T\n---\n", file: "L.md", url: URL(fileURLWithPath: "/L.md"))
        }
        #expect(throws: LessonError(file: "L.md", line: 1, "the front matter is not closed by a '---' line")) {
            try LessonParser.parse("---\ntitle: T\n", file: "L.md", url: URL(fileURLWithPath: "/L.md"))
        }
    }
}
