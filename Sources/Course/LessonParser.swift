import Foundation

/// Reads a lesson's Markdown: front matter, then prose and fenced blocks; only ```console blocks run.
enum LessonParser {
    static func parse(_ text: String, file: String, url: URL) throws -> Lesson {
        var lines = text.components(separatedBy: "\n")
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        let (metadata, bodyStart) = try frontMatter(lines, file: file)
        guard let title = metadata["title"], !title.isEmpty else {
            throw LessonError(file: file, line: 1, "the front matter has no 'title:'")
        }
        guard let teaches = metadata["teaches"], !teaches.isEmpty else {
            throw LessonError(file: file, line: 1, "the front matter has no 'teaches:'")
        }
        var blocks: [ConsoleBlock] = []
        var index = bodyStart
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```") else {
                index += 1
                continue
            }
            let info = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            guard let close = lines[(index + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "```" }) else {
                throw LessonError(file: file, line: index + 1, "unclosed ``` fence (no closing ``` after it)")
            }
            if info == "console" {
                let steps = try parseSteps(lines, body: (index + 1)..<close, file: file)
                guard !steps.isEmpty else { throw LessonError(file: file, line: index + 1, "empty console block: it needs a '$ explore ...' line") }
                blocks.append(ConsoleBlock(line: index + 1, steps: steps))
            }
            index = close + 1
        }
        return Lesson(file: file, url: url, title: title, teaches: teaches, lines: lines, endsWithNewline: endsWithNewline, blocks: blocks)
    }

    /// `---` / `key: value` lines / `---` at the top; returns the keys and the first body line.
    static func frontMatter(_ lines: [String], file: String) throws -> ([String: String], Int) {
        guard lines.first == "---" else {
            throw LessonError(file: file, line: 1, "a lesson starts with front matter: ---, title: ..., teaches: ..., ---")
        }
        var metadata: [String: String] = [:]
        for index in 1..<max(lines.count, 1) {
            let line = lines[index]
            if line == "---" { return (metadata, index + 1) }
            guard let colon = line.firstIndex(of: ":") else {
                throw LessonError(file: file, line: index + 1, "front matter lines are 'key: value'")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            metadata[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        throw LessonError(file: file, line: 1, "the front matter is not closed by a '---' line")
    }

    /// The commands of the console block whose lines are `body`.
    static func parseSteps(_ lines: [String], body: Range<Int>, file: String) throws -> [LessonStep] {
        var steps: [LessonStep] = []
        var index = body.lowerBound
        while index < body.upperBound {
            let line = lines[index]
            guard line.hasPrefix("$ ") else {
                throw LessonError(file: file, line: index + 1, "output before any '$ explore ...' command")
            }
            let commandLine = index + 1
            let command = String(line.dropFirst(2))
            let words: [String]
            let delimiter: String?
            do { (words, delimiter) = try CommandWords.split(command) } catch let error as LessonError {
                throw LessonError(file: file, line: commandLine, error.message)
            }
            guard words.first == "explore" else {
                throw LessonError(file: file, line: commandLine, "only explore commands run in lessons, not '\(words.first ?? "")'")
            }
            index += 1
            var input: String? = nil
            if let delimiter {
                var inputLines: [String] = []
                while true {
                    guard index < body.upperBound, lines[index] == ">" || lines[index].hasPrefix("> ") else {
                        throw LessonError(file: file, line: commandLine, "the heredoc is not closed by a '> \(delimiter)' line")
                    }
                    let text = String(lines[index].dropFirst(2))
                    index += 1
                    if text == delimiter { break }
                    inputLines.append(text)
                }
                input = inputLines.map { $0 + "\n" }.joined()
            }
            let outputStart = index
            while index < body.upperBound, !lines[index].hasPrefix("$ ") { index += 1 }
            var output = Array(lines[outputStart..<index])
            var status: Int32 = 0
            if let last = output.last, case .exited(let code)? = StepStatus(line: last) {
                status = code
                output.removeLast()
            }
            var expected: [ExpectedLine] = []
            for (offset, text) in output.enumerated() {
                if StepStatus(line: text) != nil {
                    throw LessonError(file: file, line: outputStart + offset + 1, "an exit status line like \(text) goes last, right after the output")
                }
                do { expected.append(try ExpectedLine(text: text)) } catch let error as LessonError {
                    throw LessonError(file: file, line: outputStart + offset + 1, error.message)
                }
            }
            steps.append(
                LessonStep(
                    line: commandLine, commandText: command, arguments: Array(words.dropFirst()), input: input,
                    expected: expected, expectedStatus: status, outputLines: outputStart..<index))
        }
        return steps
    }
}
