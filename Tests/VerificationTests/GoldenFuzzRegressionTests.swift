import Foundation
import Testing

@testable import Verification

/// `Tests/FuzzRegressions/Golden/`: golden files that once crashed or passed empty; all refused now.
@Suite struct GoldenFuzzRegressionTests {
    @Test func everyFileIsRefused() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzRegressions/Golden").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(!files.isEmpty)
        for name in files {
            #expect(throws: GoldenFileError.self, "\(name)") { _ = try GoldenFile.load(path: folder + "/" + name) }
        }
    }
}
