import Foundation

/// A lesson file: its front matter, its text and its console blocks.
public struct Lesson: Sendable {
    /// The path as the user (or the catalog) named it, used in every message.
    public let file: String
    public let url: URL
    /// From the front matter's `title:`.
    public let title: String
    /// From the front matter's `teaches:`: what the lesson resolves, in one line.
    public let teaches: String
    /// The file's lines, without their newlines.
    public let lines: [String]
    /// Whether the file ended with a newline (kept by `update`).
    public let endsWithNewline: Bool
    public let blocks: [ConsoleBlock]

    /// Every command of every block, in order.
    public var steps: [LessonStep] { blocks.flatMap(\.steps) }

    /// Reads and parses the file at `url`; `file` is how messages name it.
    public static func load(_ url: URL, named file: String) throws -> Lesson {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LessonError(file: file, "cannot read the lesson (\(FileManager.default.fileExists(atPath: url.path) ? "unreadable" : "no such file"))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw LessonError(file: file, "not UTF-8 text") }
        return try LessonParser.parse(text, file: file, url: url)
    }
}
