import SafeOutput

/// An `AtomicFile` whose errors are the caller's own type (NPYError, WeightsError, ImageError).
final class OutputFile {
    private let file: AtomicFile
    /// Builds the error for a failure: the caller's error type, naming the file.
    private let failure: (String) -> Error

    /// Refuses an existing `path` unless `overwrite`, and an empty one.
    init(path: String, overwrite: Bool, exists: (String) -> Error, failure: @escaping (String) -> Error) throws {
        self.failure = failure
        do {
            file = try AtomicFile(path: path, overwrite: overwrite)
        } catch .exists {
            throw exists(path)
        } catch {
            throw failure(error.reason)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        do { try file.write(bytes) } catch { throw failure(error.reason) }
    }

    func write(_ scalars: [Float]) throws {
        do { try file.write(scalars) } catch { throw failure(error.reason) }
    }

    /// Flushes, closes and renames into place.
    func commit() throws {
        do { try file.commit() } catch { throw failure(error.reason) }
    }
}
