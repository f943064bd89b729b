import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file whole or not at all: a temporary file beside it, then a rename over it.
public enum AtomicFile {
    /// Writes `data` to `url`; `name` is how the error names the file.
    public static func write(_ data: Data, to url: URL, name: String) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            try? FileManager.default.removeItem(at: temporary)
            throw LessonError(file: name, "cannot write here (is \(folder.path) writable?)")
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw LessonError(file: name, "cannot replace the file (\(String(cString: strerror(errno))))")
        }
    }
}
