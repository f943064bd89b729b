import Foundation
import TestSupport
import Testing

/// `explore lesson` as a user runs it: on the real course, and on fixture lessons that drift or are malformed.
struct LessonCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh folder with `Lessons/` holding `files` (name -> text).
    static func fixture(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent("Lessons/\(name)"), atomically: true, encoding: .utf8) }
        return folder
    }

    static let header = "---\ntitle: Fixture\nteaches: a test\n---\n\n"

    /// The real lesson 04, with one figure of its expected output changed.
    @Test func changingOneFigureInALessonFailsWithADiff() throws {
        let original = try String(contentsOf: Self.repository.appendingPathComponent("Lessons/04-pixels-no-window-reads.md"), encoding: .utf8)
        let figure = "{\"output\":[3,3],\"pad\":[0,0,0,0],\"lost\":[2,2]}"
        #expect(original.contains(figure))
        let changed = original.replacingOccurrences(of: figure, with: "{\"output\":[3,3],\"pad\":[0,0,0,0],\"lost\":[0,0]}")
        let folder = try Self.fixture(["04-pixels-no-window-reads.md": changed])
        defer { try? FileManager.default.removeItem(at: folder) }
        // The figure's line in the file, and the command's line above it.
        let line = try #require(original.components(separatedBy: "\n").firstIndex(of: figure)) + 1
        let result = try ExploreBinary.run(["lesson", "check"], currentDirectory: folder)
        #expect(result.status == 1)
        #expect(
            result.standardOutput.contains(
                """
                --- Lessons/04-pixels-no-window-reads.md:\(line - 1) (expected)
                +++ $ explore pad --size 11 --kernel 3 --stride 3 --padding VALID --json (actual)
                @@ -\(line),1 +1,1 @@
                -{"output":[3,3],"pad":[0,0,0,0],"lost":[0,0]}
                +{"output":[3,3],"pad":[0,0,0,0],"lost":[2,2]}
                """))
        #expect(result.standardError == "explore: lesson check: 1 of 8 commands drifted (Lessons/04-pixels-no-window-reads.md:\(line - 1))\n")
    }

    /// A lesson that teaches the wrong rule ("odd sizes lose nothing") fails against the ledger.
    @Test func aWrongRuleFailsAgainstTheLedger() throws {
        let folder = try Self.fixture([
            "01-odd.md": Self.header + """
                ```console
                $ explore pad --size 17 --kernel 2 --stride 2 --padding VALID --json
                {"output":[8,8],"pad":[0,0,0,0],"lost":[0,0]}
                ```

                """
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExploreBinary.run(["lesson", "check", "1"], currentDirectory: folder)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("-{\"output\":[8,8],\"pad\":[0,0,0,0],\"lost\":[0,0]}\n+{\"output\":[8,8],\"pad\":[0,0,0,0],\"lost\":[1,1]}\n"))
    }

    @Test func updateRecordsThenCheckPassesAndAFailureIsRefused() throws {
        let lesson =
            Self.header + """
                ```console
                $ explore pad --size 9 --kernel 3 --stride 2 --padding SAME --json
                stale
                $ explore <<'EOF'
                > where
                > EOF
                explore> where
                ...
                ```

                """
        let folder = try Self.fixture(["01-a.md": lesson, "02-b.md": Self.header + "```console\n$ explore pad --size 2 --kernel 3 --padding VALID\n```\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let update = try ExploreBinary.run(["lesson", "update", "1"], currentDirectory: folder)
        #expect(update.status == 0)
        let recorded = try String(contentsOf: folder.appendingPathComponent("Lessons/01-a.md"), encoding: .utf8)
        #expect(recorded.contains("--json\n{\"output\":[5,5],\"pad\":[1,1,1,1],\"lost\":[0,0]}\n$ explore <<'EOF'"))
        #expect(recorded.contains("explore> where\n...\n```\n"))
        #expect(try ExploreBinary.run(["lesson", "check", "1"], currentDirectory: folder).status == 0)

        // A command that fails where the block expects success: nothing is written.
        let before = try Data(contentsOf: folder.appendingPathComponent("Lessons/02-b.md"))
        let refused = try ExploreBinary.run(["lesson", "update", "Lessons/02-b.md"], currentDirectory: folder)
        #expect(refused.status == 1)
        #expect(
            refused.standardError.hasPrefix("explore: Lessons/02-b.md:7: not recorded: 'explore pad --size 2 --kernel 3 --padding VALID' exited with status"))
        #expect(refused.standardError.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: folder.appendingPathComponent("Lessons/02-b.md")) == before)
    }

    @Test func badInputIsOneLineNamingFileAndLine() throws {
        let folder = try Self.fixture([
            "01-unclosed.md": Self.header + "text\n\n```console\n$ explore pad --size 8 --kernel 3 --padding VALID\n",
            "02-shell.md": Self.header + "```console\n$ cat /etc/passwd\n```\n",
            "03-good.md": Self.header
                + "```console\n$ explore pad --size 8 --kernel 3 --padding VALID --json\n{\"output\":[6,6],\"pad\":[0,0,0,0],\"lost\":[0,0]}\n```\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [([String], String)] = [
            (["lesson", "check", "1"], "explore: Lessons/01-unclosed.md:8: unclosed ``` fence (no closing ``` after it)\n"),
            (["lesson", "check", "02-shell"], "explore: Lessons/02-shell.md:7: only explore commands run in lessons, not 'cat'\n"),
            (["lesson", "check", "nonesuch"], "explore: nonesuch: no such lesson (no file, and none of Lessons/ is named so: 01-unclosed ... 03-good)\n"),
            (["lesson", "render", "3", "--out", "Lessons/03-good.md/pages"], "explore: Lessons/03-good.md/pages: cannot create the output folder\n"),
        ]
        for (arguments, message) in cases {
            let result = try ExploreBinary.run(arguments, currentDirectory: folder)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError == message)
        }
        // Nothing half-written: no page, no temporary file anywhere in the fixture.
        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(files.sorted() == ["Lessons", "Lessons/01-unclosed.md", "Lessons/02-shell.md", "Lessons/03-good.md"])
    }

    /// The real course: at least 12 lessons; every page holds every command's real output and the pictures inline.
    @Test func renderWritesOnePagePerLessonWithEveryOutput() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try ExploreBinary.run(["lesson", "render", "--out", out.path], currentDirectory: Self.repository)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.contains("drifted"))
        let lessons = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("Lessons").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        #expect(lessons.count >= 12)
        let pages = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(pages == lessons.map { String($0.dropLast(3)) + ".html" })
        var blocks = 0
        for lesson in lessons {
            let markdown = try String(contentsOf: Self.repository.appendingPathComponent("Lessons/\(lesson)"), encoding: .utf8)
            let page = try String(contentsOf: out.appendingPathComponent(String(lesson.dropLast(3)) + ".html"), encoding: .utf8)
            let outputs = PageText.outputs(page)
            let expected = PageText.expectedOutputs(markdown)
            #expect(outputs.count == expected.count, "\(lesson): \(outputs.count) outputs on the page, \(expected.count) commands")
            for (shown, lines) in zip(outputs, expected) {
                // Every literal expected line is on the page, in order.
                var rest = Substring(shown)
                for line in lines where !line.isEmpty {
                    guard let found = rest.range(of: line) else {
                        Issue.record("\(lesson): '\(line)' is not on the page")
                        break
                    }
                    rest = rest[found.upperBound...]
                }
            }
            blocks += expected.count
        }
        #expect(blocks >= 40)
        let concat = try String(contentsOf: out.appendingPathComponent("10-why-a-concat-fails.html"), encoding: .utf8)
        #expect(concat.contains("<svg") && concat.contains("<figcaption>broken.svg</figcaption>"))
    }
}

/// Reads a rendered page and a lesson's Markdown back, for the render test.
enum PageText {
    /// The text of every `<pre class="output">` element (folded lines included, their summaries
    /// and the tags left out), entities decoded.
    static func outputs(_ html: String) -> [String] {
        html.components(separatedBy: "<pre class=\"output\">").dropFirst().map { part in
            let element = part.components(separatedBy: "</pre>")[0]
            let text = element.replacingOccurrences(of: "<summary>[^<]*</summary>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// For each command of each console block, its literal expected lines (markers and status left out).
    static func expectedOutputs(_ markdown: String) -> [[String]] {
        var result: [[String]] = []
        var inConsole = false
        var inHeredoc = false
        for line in markdown.components(separatedBy: "\n") {
            if line == "```console" {
                inConsole = true
                continue
            }
            if inConsole, line == "```" {
                inConsole = false
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                result.append([])
                inHeredoc = line.contains("<<")
                continue
            }
            if inHeredoc {
                if line == "> EOF" { inHeredoc = false }
                continue
            }
            if line == "..." || line.hasSuffix(" (re)") || (line.hasPrefix("[") && line.hasSuffix("]") && Int(line.dropFirst().dropLast()) != nil) { continue }
            result[result.count - 1].append(line)
        }
        return result
    }
}
