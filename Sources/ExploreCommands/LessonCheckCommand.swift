import ArgumentParser
import Course
import Foundation

/// `explore lesson check`: runs every command of the lessons and diffs its output with the lesson's.
struct LessonCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every console block; print a unified diff for each command that drifted; exit 1 on any drift."
    )

    @OptionGroup var selection: LessonSelection

    func run() throws {
        let lessons = try selection.load()
        let runner = try selection.runner()
        let start = Date()
        var commands = 0
        var drifted: [String] = []
        for lesson in lessons {
            let run = try selection.run(lesson, with: runner)
            commands += run.results.count
            for result in run.drifted {
                print(result.diff ?? "")
                drifted.append("\(lesson.file):\(result.step.line)")
            }
            let verdict = run.drifted.isEmpty ? "ok     " : "DRIFTED"
            print("\(verdict) \(lesson.file): \(run.results.count) commands in \(String(format: "%.1f", run.seconds)) s")
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        guard drifted.isEmpty else {
            throw ExploreError("lesson check: \(drifted.count) of \(commands) commands drifted (\(drifted.joined(separator: ", ")))")
        }
        print("lesson check: \(lessons.count) lessons, \(commands) commands, all as written (\(seconds) s)")
    }
}
