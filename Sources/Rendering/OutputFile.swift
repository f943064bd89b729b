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

    /// Writes `bytes` to `path`, replacing it.
    public static func write(_ bytes: [UInt8], to path: String) throws(RenderError) {
        guard let file = fopen(path, "wb") else { throw .write(path: path, reason: errorText()) }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let failed = written != bytes.count
        let reason = failed ? errorText() : ""
        if fclose(file) != 0 || failed { throw .write(path: path, reason: failed ? reason : errorText()) }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
