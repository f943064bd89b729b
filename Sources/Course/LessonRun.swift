import Foundation

/// A picture a command wrote into the lesson's working folder (SVG or PNG), for the rendered page.
public struct Picture: Sendable {
    public let name: String
    public let data: Data
    public var isSVG: Bool { name.lowercased().hasSuffix(".svg") }
}

/// What one command of a lesson printed, whether it drifted, and the pictures it wrote.
public struct StepResult: Sendable {
    public let step: LessonStep
    public let output: StepOutput
    /// The unified diff against the expected output; nil when it matches.
    public let diff: String?
    public let pictures: [Picture]
}

/// Runs every command of a lesson, in order, in one fresh empty folder (removed afterwards),
/// so commands that write files (render --out) see what earlier ones wrote and nothing else.
public struct LessonRun: Sendable {
    public let lesson: Lesson
    public let results: [StepResult]
    public let seconds: Double

    public var drifted: [StepResult] { results.filter { $0.diff != nil } }

    /// A run from results already at hand (tests of the recorder and the page).
    init(lesson: Lesson, results: [StepResult], seconds: Double = 0) {
        self.lesson = lesson
        self.results = results
        self.seconds = seconds
    }

    public init(_ lesson: Lesson, runner: ExploreRunner) throws {
        self.lesson = lesson
        let start = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explore-lesson-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw LessonError("cannot create a working folder in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.copyFixtures(of: lesson, into: folder)
        var results: [StepResult] = []
        var seen = Self.snapshot(folder)
        for step in lesson.steps {
            let output = try runner.run(step.arguments, input: step.input, in: folder)
            let now = Self.snapshot(folder)
            let pictures = now.keys.sorted().filter { name in
                (name.lowercased().hasSuffix(".svg") || name.lowercased().hasSuffix(".png")) && seen[name] != now[name]
            }.compactMap { name in
                (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Picture(name: name, data: $0) }
            }
            seen = now
            results.append(StepResult(step: step, output: output, diff: StepDiff.text(file: lesson.file, step: step, output: output), pictures: pictures))
        }
        self.results = results
        self.seconds = Date().timeIntervalSince(start)
    }

    /// The files a lesson's commands read (filled-in sheets, images), kept in a folder named
    /// like the lesson without `.md` (`Lessons/15-exercises-round-trip/`), copied into the
    /// working folder before the first command.
    static func copyFixtures(of lesson: Lesson, into folder: URL) throws {
        let fixtures = lesson.url.deletingPathExtension()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: fixtures.path, isDirectory: &isFolder), isFolder.boolValue else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        for name in names.sorted() {
            do {
                try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            } catch {
                throw LessonError(file: lesson.file, "cannot copy the lesson's file \(name) into its working folder")
            }
        }
    }

    /// Every regular file under `folder` (relative path) with its size and modification time.
    private static func snapshot(_ folder: URL) -> [String: String] {
        var files: [String: String] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return files }
        let base = folder.resolvingSymlinksInPath().path + "/"
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            let name = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
            files[name] = "\(values.fileSize ?? 0) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
        }
        return files
    }
}
