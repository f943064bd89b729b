import Foundation
import SafeOutput

/// Reading and writing the small text files of coursework: sheets, set files, results.
public enum TextFile {
    /// The whole file as UTF-8 text, refusing anything larger than `limit` bytes.
    public static func read(_ path: String, what: String, limit: Int = 1 << 20) throws(CourseworkError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw CourseworkError("\(what) '\(path)' does not exist") }
        guard !isDirectory.boolValue else { throw CourseworkError("\(what) '\(path)' is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CourseworkError("\(what) '\(path)' cannot be read") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw CourseworkError("\(what) '\(path)' cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= limit else { throw CourseworkError("\(what) '\(path)' is larger than \(limit / 1024) KiB: not a \(what)") }
        return [UInt8](data)
    }

    /// Writes `text` through the project's atomic writer (`SafeOutput.AtomicFile`), so a
    /// failure never leaves half a file; refuses an existing `path` unless `overwrite`.
    public static func write(_ text: String, to path: String, overwrite: Bool) throws(CourseworkError) {
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw CourseworkError("'\(path)' already exists: choose another name or pass --force")
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path, overwrite: true)
        } catch {
            throw CourseworkError("cannot write '\(path)': \(error.reason)")
        }
    }

    /// Whether two paths name the same file (so an output never replaces an input).
    public static func same(_ a: String, _ b: String) -> Bool {
        let left = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
        let right = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
        return left == right
    }
}
