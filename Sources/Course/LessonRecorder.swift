import Foundation

/// `explore lesson update`: writes what the commands printed as their expected output, keeping
/// `...` and ` (re)` lines where they still match. It refuses to record a failure: a crash, a
/// timeout, an exit status the block does not expect, or a crash message in the output.
public enum LessonRecorder {
    /// Messages that only a crashing process prints.
    static let crashSigns = ["Fatal error:", "Stack dump:", "Segmentation fault", "Illegal instruction", "Assertion failed", "*** Program crashed"]

    /// The lesson's new text and how many commands changed; throws (naming file and line) on any refusal.
    public static func record(_ run: LessonRun) throws -> (text: String, changed: Int) {
        var lines = run.lesson.lines
        var changed = 0
        for result in run.results.reversed() where result.diff != nil {
            let replacement = try recordedLines(result, file: run.lesson.file)
            lines.replaceSubrange(result.step.outputLines, with: replacement)
            changed += 1
        }
        let text = lines.joined(separator: "\n") + (run.lesson.endsWithNewline ? "\n" : "")
        return (text, changed)
    }

    /// The expected lines to write for one drifted command.
    static func recordedLines(_ result: StepResult, file: String) throws -> [String] {
        let step = result.step
        let output = result.output
        func refuse(_ reason: String) -> LessonError {
            LessonError(file: file, line: step.line, "not recorded: '\(step.commandText)' \(reason)")
        }
        switch output.status {
        case .signalled(let signal): throw refuse("was killed by signal \(signal)")
        case .timedOut(let seconds): throw refuse("did not finish in \(Int(seconds)) s")
        case .exited(let code) where code != 0 && code != step.expectedStatus:
            throw refuse("exited with status \(code), which the block does not expect (write [\(code)] under its output if the failure is the lesson)")
        case .exited: break
        }
        if let sign = crashSigns.first(where: { sign in output.lines.contains { $0.contains(sign) } }) {
            throw refuse("printed '\(sign)'")
        }
        let alignment = OutputAlignment(expected: step.expected, actual: output.lines)
        var recorded: [String] = []
        for operation in alignment.operations {
            switch operation {
            case .same(let e, _): recorded.append(step.expected[e].text)
            case .wildcard(let e, _): recorded.append(step.expected[e].text)
            case .removed: break
            case .added(let a):
                let line = output.lines[a]
                if ExpectedLine.readsAsMarker(line) { throw refuse("printed a line that would read as a marker: \(line)") }
                recorded.append(line)
            }
        }
        if let statusLine = output.status.line { recorded.append(statusLine) }
        return recorded
    }
}
