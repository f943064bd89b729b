import Foundation

/// The course: the lesson files of a folder, in file-name order, and lessons named on the command line.
public struct LessonCatalog: Sendable {
    /// The folder as messages name it (e.g. `Lessons`).
    public let folderName: String
    public let folder: URL

    public init(folder: URL, named folderName: String) {
        self.folder = folder
        self.folderName = folderName
    }

    /// `Lessons/` in the current folder.
    public static func current() -> LessonCatalog {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return LessonCatalog(folder: cwd.appendingPathComponent("Lessons"), named: "Lessons")
    }

    /// The `.md` files of the folder, sorted (their names start with the lesson's number).
    public func files() throws -> [(name: String, url: URL)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw LessonError(file: folderName, "no lessons folder here (run from the repository's root, or name lesson files)")
        }
        let lessons = names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
        guard !lessons.isEmpty else { throw LessonError(file: folderName, "the folder holds no lessons (NN-name.md)") }
        return lessons.map { ("\(folderName)/\($0)", folder.appendingPathComponent($0)) }
    }

    /// Every lesson, parsed.
    public func lessons() throws -> [Lesson] {
        try files().map { try Lesson.load($0.url, named: $0.name) }
    }

    /// The lessons `arguments` name: a path to a file, a file name in the folder, its number (`4`,
    /// `04`) or its name without number and extension; all lessons when `arguments` is empty.
    public func lessons(named arguments: [String]) throws -> [Lesson] {
        guard !arguments.isEmpty else { return try lessons() }
        return try arguments.map { argument in
            if FileManager.default.fileExists(atPath: argument) {
                return try Lesson.load(URL(fileURLWithPath: argument), named: argument)
            }
            let files = (try? files()) ?? []
            let stem = argument.hasSuffix(".md") ? String(argument.dropLast(3)) : argument
            let match = files.first { file in
                let base = String(file.url.deletingPathExtension().lastPathComponent)
                let number = base.prefix { $0.isNumber }
                let rest = base.drop { $0.isNumber }.drop { $0 == "-" }
                return base == stem || String(rest) == stem || (Int(stem).map { Int(number) == $0 } ?? false)
            }
            guard let match else {
                let known = files.map { $0.url.deletingPathExtension().lastPathComponent }
                throw LessonError(
                    file: argument,
                    "no such lesson (no file, and none of \(folderName)/ is named so\(known.isEmpty ? "" : ": \(known.first!) ... \(known.last!)"))")
            }
            return try Lesson.load(match.url, named: match.name)
        }
    }
}
