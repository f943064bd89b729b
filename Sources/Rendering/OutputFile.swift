import SafeOutput

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes rendered bytes to a path, with a one-line reason when it cannot.
public enum OutputFile {
    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Creates `path`'s parent folder if it is missing (one level, like `Output/`).
    public static func createParentFolder(of path: String) throws(RenderError) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        guard !folder.isEmpty, !exists(folder) else { return }
        if mkdir(folder, 0o755) != 0 { throw .write(path: path, reason: "cannot create folder '\(folder)': \(errorText())") }
    }

    /// Writes `bytes` to `path`, replacing it only once the new bytes are complete
    /// (temporary file and rename): a failed write leaves the old file as it was.
    public static func write(_ bytes: [UInt8], to path: String) throws(RenderError) {
        do {
            try AtomicFile.write(bytes, to: path, overwrite: true)
        } catch {
            throw .write(path: path, reason: error.reason)
        }
    }

    /// Refuses an empty path or one where no file can be created, before anything is computed.
    public static func checkCreatable(_ path: String) throws(RenderError) {
        do { try AtomicFile.checkCreatable(path) } catch { throw .write(path: path, reason: error.reason) }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
