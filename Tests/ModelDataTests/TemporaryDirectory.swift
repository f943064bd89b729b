import Foundation

/// A fresh directory under the system temporary directory, removed at deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "modeldata-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name`, returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }
}

/// The error `body` throws, as `E` (nil when it does not throw, or throws something else).
func caught<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do { try body() } catch let error as E { return error } catch { return nil }
    return nil
}
