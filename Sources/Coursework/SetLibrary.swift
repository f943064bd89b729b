import Foundation

/// The built-in sets (`Exercises/sets/*.json`) and the instructor's own set files.
public struct SetLibrary: Sendable {
    /// The folder holding the built-in sets, nil when none was found.
    public let directory: String?

    public init(directory: String?) { self.directory = directory }

    /// Finds `Exercises/sets`: `$EXPLORE_EXERCISE_SETS` first, then beside the `explore`
    /// executable and up to four folders above it (`.build/release/explore` in a checkout),
    /// then the checkout this module was built from.
    public static func standard() -> SetLibrary {
        let manager = FileManager.default
        func isFolder(_ path: String) -> Bool {
            var folder: ObjCBool = false
            return manager.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
        }
        if let configured = ProcessInfo.processInfo.environment["EXPLORE_EXERCISE_SETS"], !configured.isEmpty {
            return SetLibrary(directory: isFolder(configured) ? configured : nil)
        }
        var candidates: [URL] = []
        if var folder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent("Exercises/sets"))
                folder.deleteLastPathComponent()
            }
        }
        candidates.append(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Exercises/sets"))
        return SetLibrary(directory: candidates.first { isFolder($0.path) }?.path)
    }

    /// Names of the built-in sets, sorted.
    public func names() -> [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every built-in set, sorted by name.
    public func all() throws(CourseworkError) -> [ExerciseSet] {
        var sets: [ExerciseSet] = []
        for name in names() { sets.append(try resolve(name)) }
        return sets
    }

    /// A built-in set by name, or a set file by path (anything with a `/` or ending in `.json`).
    public func resolve(_ nameOrPath: String) throws(CourseworkError) -> ExerciseSet {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
            return try ExerciseSet(json: TextFile.read(nameOrPath, what: "set file", limit: 65_536), source: nameOrPath)
        }
        let known = names()
        guard let directory else {
            throw CourseworkError(
                "unknown set '\(nameOrPath)': the built-in sets (Exercises/sets) were not found; set EXPLORE_EXERCISE_SETS to that folder or pass --set path/to/set.json"
            )
        }
        guard known.contains(nameOrPath) else {
            throw CourseworkError(
                "unknown set '\(nameOrPath)': the sets are \(known.joined(separator: ", ")) (see 'explore exercise sets'), or pass --set path/to/set.json")
        }
        let path = directory + "/" + nameOrPath + ".json"
        let set = try ExerciseSet(json: TextFile.read(path, what: "set file", limit: 65_536), source: path)
        guard set.name == nameOrPath else {
            throw CourseworkError("set file '\(path)' is named '\(set.name)' inside: a built-in set's file name and 'name' must agree")
        }
        return set
    }
}

extension SetLibrary {
    /// `explore exercise sets`: name, question count and kinds of each set, then where they live.
    public func listing() throws(CourseworkError) -> String {
        let sets = try all()
        let width = max(4, sets.map(\.name.count).max() ?? 0)
        var lines = ["name".leftAligned(width) + "  count  kinds"]
        for set in sets {
            lines.append(set.name.leftAligned(width) + "  " + String(set.count).leftAligned(5) + "  " + set.kinds.map(\.rawValue).joined(separator: ", "))
        }
        lines.append("")
        lines.append("Every kind: \(ExerciseKind.namesList).")
        lines.append("A set is a JSON file; copy one from Exercises/sets and pass --set path/to/file.json.")
        return lines.joined(separator: "\n") + "\n"
    }
}
