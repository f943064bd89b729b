import Foundation
import SafeOutput

/// Writes a lesson or a lesson page whole or not at all, through the project's one atomic
/// writer (`SafeOutput.AtomicFile`: a temporary file beside it, removed on failure or signal).
public enum LessonFile {
    /// Writes `data` to `url`, replacing it; `name` is how the error names the file.
    public static func write(_ data: Data, to url: URL, name: String) throws {
        do {
            try AtomicFile.write([UInt8](data), to: url.path, overwrite: true)
        } catch {
            throw LessonError(file: name, "cannot write (\(error.reason))")
        }
    }
}
