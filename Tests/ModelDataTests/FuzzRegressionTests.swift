import Foundation
import Testing

@testable import ModelData

/// `Tests/FuzzRegressions/<target>/`: files found by `scripts/fuzz.sh` or built for issue 17,
/// each of which once crashed, hung or was accepted. Every one must now be refused.
enum FuzzRegressions {
    static func files(_ target: String) -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzRegressions/\(target)").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { folder + "/" + $0 }
    }
}

@Suite struct FuzzRegressionTests {
    @Test(arguments: ["Safetensors", "NPY", "Image"])
    func everyFileIsRefused(target: String) throws {
        let files = FuzzRegressions.files(target)
        #expect(!files.isEmpty, "no regression files for \(target)")
        for path in files {
            let start = Date()
            #expect(throws: (any Error).self, "\(path)") {
                switch target {
                case "Safetensors": _ = try SafetensorsWeights(contentsOf: path)
                case "NPY": _ = try NPY.read(path: path)
                default: _ = try InputImage.load(path: path, size: 16)
                }
            }
            #expect(Date().timeIntervalSince(start) < 5, "\(path) took too long")
        }
    }
}
