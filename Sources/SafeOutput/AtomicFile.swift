import CCleanup

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name and renamed into place when complete, so that
/// a failed or interrupted write never leaves a half file under the real name, nor
/// damages the file it replaces. The temporary file is removed on an error, when the
/// writer is dropped uncommitted, and on SIGINT, SIGTERM or SIGHUP.
public final class AtomicFile {
    public let path: String
    /// `<path>.partial-<pid>`, next to the target so the rename stays on one file system.
    public let temporaryPath: String
    private var handle: UnsafeMutablePointer<FILE>?
    private let slot: Int32

    /// Refuses an empty path, and an existing `path` unless `overwrite`.
    public init(path: String, overwrite: Bool) throws(AtomicFileError) {
        guard !path.isEmpty else { throw .emptyPath }
        self.path = path
        if !overwrite, access(path, F_OK) == 0 { throw .exists(path: path) }
        temporaryPath = "\(path).partial-\(getpid())"
        slot = cleanup_remember(temporaryPath)
        guard let handle = fopen(temporaryPath, "wb") else {
            let reason = Self.errorText()
            cleanup_forget(slot)
            throw .failed(path: path, reason: "cannot create: \(reason)")
        }
        self.handle = handle
    }

    deinit {
        if let handle {
            fclose(handle)
            unlink(temporaryPath)
        }
        cleanup_forget(slot)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(AtomicFileError) {
        guard bytes.count > 0 else { return }
        guard fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count else {
            throw .failed(path: path, reason: "write failed: \(Self.errorText())")
        }
    }

    public func write(_ bytes: [UInt8]) throws(AtomicFileError) {
        let failure = bytes.withUnsafeBytes { raw in Result { () throws(AtomicFileError) in try write(raw) } }
        try failure.get()
    }

    public func write(_ scalars: [Float]) throws(AtomicFileError) {
        let failure = scalars.withUnsafeBytes { raw in Result { () throws(AtomicFileError) in try write(raw) } }
        try failure.get()
    }

    /// Flushes, closes and renames into place; on failure the temporary file is gone.
    public func commit() throws(AtomicFileError) {
        guard let handle else { return }
        self.handle = nil
        defer { cleanup_forget(slot) }
        guard fclose(handle) == 0 else {
            let reason = Self.errorText()
            unlink(temporaryPath)
            throw .failed(path: path, reason: "write failed: \(reason)")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = Self.errorText()
            unlink(temporaryPath)
            throw .failed(path: path, reason: "cannot rename into place: \(reason)")
        }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(AtomicFileError) {
        let file = try AtomicFile(path: path, overwrite: overwrite)
        try file.write(bytes)
        try file.commit()
    }

    /// Refuses an empty path, or one whose folder does not exist or cannot take a new
    /// file (tried by creating and removing the temporary file): checked before computing.
    public static func checkCreatable(_ path: String) throws(AtomicFileError) {
        let probe = try AtomicFile(path: path, overwrite: true)
        _ = probe
    }

    /// Creates `folder` and its parents if missing (`mkdir -p`) and checks that a file can
    /// be created in it; refuses an empty name.
    public static func prepareFolder(_ folder: String) throws(AtomicFileError) {
        guard !folder.isEmpty else { throw .emptyPath }
        var prefix = folder.hasPrefix("/") ? "/" : ""
        for component in folder.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .failed(path: folder, reason: "cannot create folder '\(prefix)': \(errorText())")
            }
            prefix += "/"
        }
        try checkCreatable(folder + "/.explore-write-check")
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Why an output file cannot be written: one line naming it.
public enum AtomicFileError: Error, Equatable, CustomStringConvertible {
    case emptyPath
    case exists(path: String)
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyPath: "the output path is empty: give a file or folder name"
        case .exists(let path): "\(path): file exists; pass --force to replace it"
        case .failed(let path, let reason): "\(path): \(reason)"
        }
    }

    /// The reason without the path (for callers that name the file themselves).
    public var reason: String {
        switch self {
        case .emptyPath: "the output path is empty"
        case .exists: "file exists; pass --force to replace it"
        case .failed(_, let reason): reason
        }
    }
}
