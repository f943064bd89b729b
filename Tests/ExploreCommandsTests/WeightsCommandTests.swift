import Foundation
import TestSupport
import Testing

/// `explore weights export` end to end: the file read back with nothing but JSON and bytes.
struct WeightsCommandTests {
    @Test func exportWritesEveryVariableAndRefusesToOverwrite() throws {
        let directory = NSTemporaryDirectory() + "weights-export-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/facenet.safetensors"

        let result = try ExploreBinary.run(["weights", "export", path])
        #expect(result.status == 0, "\(result.standardError)")
        // 900 variables; 55,912,672 values = 54,336,736 backbone + 1536 * 1024 + 3 * 1024 Bottleneck.
        #expect(result.standardOutput.hasPrefix("wrote 900 tensors, 55912672 values (223.7 MB, seed 2018) to \(path) in "))

        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? file.close() }
        let lengthBytes = try #require(try file.read(upToCount: 8))
        let headerLength = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let headerBytes = try #require(try file.read(upToCount: headerLength))
        let header = try #require(try JSONSerialization.jsonObject(with: headerBytes) as? [String: Any])
        #expect(header.count == 901)
        #expect((header["__metadata__"] as? [String: String])?["seed"] == "2018")
        let first = try #require(header["InceptionResnetV2/Conv2d_1a_3x3/weights"] as? [String: Any])
        #expect(first["dtype"] as? String == "F32")
        #expect(first["shape"] as? [Int] == [3, 3, 3, 32])
        #expect(first["data_offsets"] as? [Int] == [0, 3456])
        #expect((header["InceptionResnetV2/Bottleneck/weights"] as? [String: Any])?["shape"] as? [Int] == [1536, 1024])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.size] as? Int == 8 + headerLength + 55_912_672 * 4)
        // The first two values, float32 bits computed by a plain-integer Python script from docs/generated-weights.md.
        let data = try #require(try file.read(upToCount: 8))
        let bits = (0..<2).map { i in (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[data.startIndex + 4 * i + $1]) << (8 * UInt32($1)) } }
        #expect(bits == [0x3ea0_04af, 0xbe67_47f4])

        let again = try ExploreBinary.run(["weights", "export", path, "--seed", "7"])
        #expect(again.status != 0)
        #expect(again.standardError == "explore: \(path): file exists; pass --force (overwrite: true) to replace it\n")
        let forced = try ExploreBinary.run(["weights", "export", path, "--seed", "7", "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["facenet.safetensors"])
    }
}
