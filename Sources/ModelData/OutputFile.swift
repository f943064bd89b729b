#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name and renamed into place when complete,
/// so that a failed or interrupted write never leaves a half file under the real name.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private var handle: UnsafeMutablePointer<FILE>?
    /// Builds the error for a failure: the caller's error type, naming the file.
    private let failure: (String) -> Error

    /// Refuses an existing `path` unless `overwrite`.
    init(path: String, overwrite: Bool, exists: (String) -> Error, failure: @escaping (String) -> Error) throws {
        self.path = path
        self.failure = failure
        if !overwrite, access(path, F_OK) == 0 { throw exists(path) }
        temporaryPath = "\(path).partial-\(getpid())"
        guard let handle = fopen(temporaryPath, "wb") else {
            throw failure("cannot create: \(String(cString: strerror(errno)))")
        }
        self.handle = handle
    }

    deinit {
        if let handle {
            fclose(handle)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        guard fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count else {
            throw failure("write failed: \(String(cString: strerror(errno)))")
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ scalars: [Float]) throws {
        try scalars.withUnsafeBytes { try write($0) }
    }

    /// Flushes, closes and renames into place.
    func commit() throws {
        guard let handle else { return }
        self.handle = nil
        guard fclose(handle) == 0 else {
            unlink(temporaryPath)
            throw failure("write failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw failure("cannot rename into place: \(reason)")
        }
    }
}
