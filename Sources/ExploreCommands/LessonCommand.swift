import ArgumentParser
import Course
import Foundation

/// `explore lesson`: the course in `Lessons/`, whose console blocks run against this `explore`.
struct LessonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "The course: list, check, update and render the lessons in Lessons/.",
        discussion: """
            A lesson is a Markdown file (Lessons/NN-name.md, front matter 'title:' and 'teaches:'). Its ```console blocks hold '$ explore ...' commands, each followed by the output it must print (standard output, then standard error). A REPL session is a heredoc: '$ explore <<'EOF'', then '> ' input lines, then '> EOF'.

            In expected output, a line '...' matches any number of lines, a line ending in ' (re)' is a regular expression for one whole line, and a last line '[N]' expects exit status N (none means 0). Commands run in a fresh empty folder per lesson.
            """,
        subcommands: [LessonListCommand.self, LessonCheckCommand.self, LessonUpdateCommand.self, LessonRenderCommand.self]
    )
}

/// What the lesson subcommands share: which lessons, and how to run them.
struct LessonSelection: ParsableArguments {
    @Argument(help: "Lesson files, or lesson numbers/names in Lessons/ (default: every lesson).")
    var lessons: [String] = []

    @Option(help: "Seconds one command may take before it counts as failed.")
    var timeout: Double = 120

    /// The lessons named (all of Lessons/ when none is).
    func load() throws -> [Lesson] {
        try LessonCatalog.current().lessons(named: lessons)
    }

    /// A runner for this very executable.
    func runner() throws -> ExploreRunner {
        guard timeout > 0, timeout <= 86_400 else { throw ExploreError("--timeout must be between 0 and 86400 seconds, not \(timeout)") }
        return ExploreRunner(executable: ExploreRunner.currentExecutable(), timeout: timeout)
    }

    /// Runs one lesson.
    func run(_ lesson: Lesson, with runner: ExploreRunner) throws -> LessonRun {
        try LessonRun(lesson, runner: runner)
    }
}
