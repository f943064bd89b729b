import ArgumentParser
import Course
import Foundation

/// `explore lesson render`: one self-contained HTML page per lesson.
struct LessonRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write one self-contained HTML page per lesson: prose, commands, their real output, pictures inline."
    )

    @OptionGroup var selection: LessonSelection

    @Option(help: "Folder for the pages (created if missing; pages in it are replaced).")
    var out: String = "Output/lessons"

    func run() throws {
        let lessons = try selection.load()
        let folder = URL(fileURLWithPath: out)
        // Find out that the folder is unusable before spending time on the lessons.
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw ExploreError("\(out): cannot create the output folder")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else { throw ExploreError("\(out): the output folder is not writable") }
        let runner = try selection.runner()
        let all = (try? LessonCatalog.current().lessons()) ?? lessons
        var pages: [(name: String, html: String, drifted: Int)] = []
        for lesson in lessons {
            let run = try selection.run(lesson, with: runner)
            let position = all.firstIndex { $0.url.standardizedFileURL == lesson.url.standardizedFileURL }
            let previous = position.flatMap { $0 > 0 ? all[$0 - 1] : nil }
            let next = position.flatMap { $0 + 1 < all.count ? all[$0 + 1] : nil }
            pages.append((LessonPage.fileName(lesson), LessonPage.html(run, previous: previous, next: next), run.drifted.count))
        }
        for page in pages {
            let path = folder.appendingPathComponent(page.name)
            try LessonFile.write(Data(page.html.utf8), to: path, name: "\(out)/\(page.name)")
            print("wrote \(out)/\(page.name)\(page.drifted > 0 ? " (\(page.drifted) commands drifted: run explore lesson check)" : "")")
        }
    }
}
