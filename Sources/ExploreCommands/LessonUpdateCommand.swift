import ArgumentParser
import Course
import Foundation

/// `explore lesson update`: records what the commands print as the lesson's expected output.
struct LessonUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Rewrite the expected output of drifted commands in place (review the diff before committing).",
        discussion:
            "Keeps '...' and ' (re)' lines that still match. Refuses (and writes nothing to that lesson) when a command crashed, timed out, exited with a status its block does not expect, or printed a crash message."
    )

    @OptionGroup var selection: LessonSelection

    func validate() throws {
        if selection.lessons.isEmpty { throw ValidationError("name the lesson(s) to update, e.g. explore lesson update Lessons/04-pixels-no-window-reads.md") }
    }

    func run() throws {
        let runner = try selection.runner()
        for lesson in try selection.load() {
            let run = try selection.run(lesson, with: runner)
            let recorded: (text: String, changed: Int)
            recorded = try LessonRecorder.record(run)
            if recorded.changed > 0 { try LessonFile.write(Data(recorded.text.utf8), to: lesson.url, name: lesson.file) }
            for result in run.drifted { print(result.diff ?? "") }
            print("\(lesson.file): \(recorded.changed == 0 ? "nothing drifted" : "recorded \(recorded.changed) of \(run.results.count) commands")")
        }
    }
}
