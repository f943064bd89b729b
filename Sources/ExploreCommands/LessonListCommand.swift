import ArgumentParser
import Course

/// `explore lesson list`: the lessons in order, with what each teaches.
struct LessonListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The lessons in order: file, title, and what each teaches.")

    func run() throws {
        let lessons = try LessonCatalog.current().lessons()
        for lesson in lessons {
            print("\(lesson.file)  \(lesson.title)")
            print("    \(lesson.teaches)  (\(lesson.steps.count) command\(lesson.steps.count == 1 ? "" : "s"))")
        }
    }
}
