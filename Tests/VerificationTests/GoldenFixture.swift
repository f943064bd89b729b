import Foundation
import NetworkModel

@testable import Verification

/// The committed golden file, loaded once for all tests.
enum GoldenFixture {
    /// `Tests/Golden/<file>`, found from this source file's path.
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/\(GoldenFile.fileName)").path

    static let file: GoldenFile = {
        do { return try GoldenFile.load(path: path) } catch { fatalError("\(error)") }
    }()

    static let ledger: Ledger = {
        do { return try Ledger.faceNet() } catch { fatalError("\(error)") }
    }()

    static let bytes: [UInt8] = {
        do { return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch { fatalError("\(error)") }
    }()

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("golden-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
