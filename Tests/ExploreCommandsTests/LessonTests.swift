import Foundation
import Testing
import TestSupport

/// Lessons are documents whose commands run here: every ```console block that starts
/// with `$ explore ...` must print what the lesson shows (standard output, then
/// standard error). A line `...` in the expected text matches any run of lines.
/// With `RECORD_LESSONS=1` the actual output is printed, to copy into the lesson by hand.
struct LessonTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let lesson: String
        let arguments: [String]
        let expected: [String]
        var testDescription: String { "\(lesson): explore \(arguments.joined(separator: " "))" }
    }

    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")

    static func examples() throws -> [Example] {
        let files = try FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path).filter { $0.hasSuffix(".md") }.sorted()
        var examples: [Example] = []
        for file in files {
            let text = try String(contentsOf: lessonsDirectory.appendingPathComponent(file), encoding: .utf8)
            var block: [String]? = nil
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line == "```console" { block = []; continue }
                if line == "```", let lines = block {
                    if let command = lines.first, command.hasPrefix("$ explore ") {
                        let arguments = command.dropFirst("$ explore ".count).split(separator: " ").map(String.init)
                        examples.append(Example(lesson: file, arguments: arguments, expected: Array(lines.dropFirst())))
                    }
                    block = nil
                    continue
                }
                block?.append(line)
            }
        }
        return examples
    }

    @Test func everyLessonHasExamples() throws {
        #expect(try Self.examples().count >= 8)
    }

    @Test(arguments: try LessonTests.examples())
    func exampleOutputMatches(_ example: Example) throws {
        let result = try ExploreBinary.run(example.arguments)
        let actual = (result.standardOutput + result.standardError).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = actual.last == "" ? Array(actual.dropLast()) : actual
        if ProcessInfo.processInfo.environment["RECORD_LESSONS"] != nil { print(trimmed.joined(separator: "\n")) }
        #expect(Self.matches(expected: example.expected, actual: trimmed), "explore \(example.arguments.joined(separator: " ")) printed:\n\(trimmed.joined(separator: "\n"))")
    }

    /// Line-by-line match where `...` stands for any number of lines.
    static func matches(expected: [String], actual: [String]) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        if first == "..." {
            return (0...actual.count).contains { matches(expected: Array(expected.dropFirst()), actual: Array(actual.dropFirst($0))) }
        }
        guard let line = actual.first, line == first else { return false }
        return matches(expected: Array(expected.dropFirst()), actual: Array(actual.dropFirst()))
    }
}
