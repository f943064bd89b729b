import Foundation
import NetworkModel
import Tensors
import Testing

@testable import ModelData

/// A safetensors file built byte by byte: 8-byte little-endian length, the header text as given, the data.
func safetensors(header: String, data: [UInt8]) -> [UInt8] {
    let json = Array(header.utf8)
    let length = UInt64(json.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json + data
}

func littleEndian(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * UInt32($0))) } }
}

@Suite struct SafetensorsTests {
    @Test func writeThenReadRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("round.safetensors")
        let a = Tensor(shape: [2, 1, 3, 2], scalars: (0..<12).map { Float($0) * 0.25 - 1 })
        let b = Tensor(shape: [3], scalars: [.pi, -.greatestFiniteMagnitude, .leastNonzeroMagnitude])
        let empty = Tensor(shape: [0, 4], scalars: [])
        try SafetensorsWriter.write([("x/weights", a), ("x/BatchNorm/beta", b), ("nothing", empty)], to: path, metadata: ["seed": "2018"])
        let weights = try SafetensorsWeights(contentsOf: path)
        #expect(try weights.tensor(named: "x/weights", shape: [2, 1, 3, 2]) == a)
        #expect(try weights.tensor(named: "x/BatchNorm/beta", shape: [3]) == b)
        #expect(try weights.tensor(named: "nothing", shape: [0, 4]) == empty)
        #expect(weights.metadata == ["seed": "2018"])
        #expect(weights.names == ["nothing", "x/BatchNorm/beta", "x/weights"])
        #expect(weights.unusedNames(used: ["x/weights"]) == ["nothing", "x/BatchNorm/beta"])
        #expect(weights.sourceDescription == path)

        // The layout by hand: header length is a multiple of 8 minus 8, data back to back.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect((8 + headerLength) % 8 == 0)
        #expect(bytes.count == 8 + headerLength + 15 * 4)
        #expect(Array(bytes[(8 + headerLength)..<(8 + headerLength + 8)]) == littleEndian([-1, -0.75]))
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"seed":"2018"},"x/weights":{"dtype":"F32","shape":[2,1,3,2],"data_offsets":[0,48]}"#))
    }

    @Test func generatedWeightsRoundTripThroughAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("generated.safetensors")
        let variables = Array(try Ledger.faceNet().weights.prefix(24))
        let generated = GeneratedWeights(seed: 5)
        try SafetensorsWriter.write(shapes: variables.map { ($0.name, $0.shape) }, to: path) {
            try generated.tensor(named: variables[$0].name, shape: variables[$0].shape).scalars
        }
        let loaded = try SafetensorsWeights(contentsOf: path)
        for variable in variables {
            #expect(try loaded.tensor(named: variable.name, shape: variable.shape) == generated.tensor(named: variable.name, shape: variable.shape))
        }
    }

    @Test func readsAnUnalignedF32Tensor() throws {
        // Header of odd length: the data starts at byte 8 + 73, not 4-aligned.
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{} }"#
        let directory = try TemporaryDirectory()
        let path = try directory.write("odd.safetensors", safetensors(header: header, data: littleEndian([1.5, -2])))
        #expect(header.utf8.count % 4 != 0)
        #expect(try SafetensorsWeights(contentsOf: path).tensor(named: "w", shape: [2]).scalars == [1.5, -2])
    }

    /// Half floats by hand: 0x3C00 = 1, 0xC000 = -2, 0x7BFF = 65504 (largest), 0x0001 = 2^-24
    /// (smallest subnormal), 0x3555 = 1 + 0x155/1024 times 2^-2 = 0.333251953125, 0x8000 = -0,
    /// 0x7C00 = +inf, 0x03FF = 1023 * 2^-24 (largest subnormal).
    @Test func widensF16() throws {
        let data: [UInt8] = [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x55, 0x35, 0x00, 0x80, 0x00, 0x7C, 0xFF, 0x03]
        let directory = try TemporaryDirectory()
        let path = try directory.write("half.safetensors", safetensors(header: #"{"h":{"dtype":"F16","shape":[2,4],"data_offsets":[0,16]}}"#, data: data))
        let tensor = try SafetensorsWeights(contentsOf: path).tensor(named: "h", shape: [2, 4])
        #expect(tensor.scalars == [1, -2, 65504, 0x1p-24, 0.333251953125, 0, .infinity, 1023 * 0x1p-24])
        #expect(tensor.scalars[5].sign == .minus)
        // NaN stays NaN.
        #expect(SafetensorsDType.widenHalf(0x7E00).isNaN)
    }

    /// bfloat16 by hand: 0x3F80 = 1, 0xC049 = -(1 + 73/128) * 2 = -3.140625, 0x0001 = 2^-133, 0x7F7F = (2 - 2^-7) * 2^127.
    @Test func widensBF16() throws {
        let data: [UInt8] = [0x80, 0x3F, 0x49, 0xC0, 0x01, 0x00, 0x7F, 0x7F]
        let directory = try TemporaryDirectory()
        let path = try directory.write("bf.safetensors", safetensors(header: #"{"b":{"dtype":"BF16","shape":[4],"data_offsets":[0,8]}}"#, data: data))
        let tensor = try SafetensorsWeights(contentsOf: path).tensor(named: "b", shape: [4])
        #expect(tensor.scalars == [1, -3.140625, 0x1p-133, (2 - 0x1p-7) * 0x1p127])
    }

    // MARK: - Errors: each one line naming the file and, where there is one, the tensor

    private func good(_ directory: TemporaryDirectory) throws -> String {
        let path = directory.file("good.safetensors")
        try SafetensorsWriter.write([("a", Tensor(shape: [2, 2], repeating: 1)), ("b", Tensor(shape: [3], repeating: 2))], to: path)
        return path
    }

    @Test func missingTensor() throws {
        let directory = try TemporaryDirectory()
        let path = try good(directory)
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path).tensor(named: "c", shape: [1]) }
        #expect(error == .missingTensor(source: path, tensor: "c"))
        #expect(error?.description == "\(path): tensor 'c' is missing")
    }

    @Test func wrongShape() throws {
        let directory = try TemporaryDirectory()
        let path = try good(directory)
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path).tensor(named: "a", shape: [4]) }
        #expect(error == .wrongShape(source: path, tensor: "a", expected: [4], found: [2, 2]))
        #expect(error?.description == "\(path): tensor 'a' has shape [2, 2], expected [4]")
    }

    @Test func unsupportedDType() throws {
        let directory = try TemporaryDirectory()
        let header = #"{"step":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"w":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#
        let path = try directory.write("int.safetensors", safetensors(header: header, data: [UInt8](repeating: 0, count: 16)))
        let weights = try SafetensorsWeights(contentsOf: path)  // opening is fine: an unused I64 does no harm
        #expect(caught(WeightsError.self) { _ = try weights.tensor(named: "w", shape: [1]) } == .unsupportedDType(source: path, tensor: "w", dtype: "F64"))
        #expect(weights.unusedNames(used: ["w"]) == ["step"])
    }

    @Test func truncatedFiles() throws {
        let directory = try TemporaryDirectory()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: good(directory))))
        // Shorter than the length field, the header, and the data.
        for (name, cut, tensor) in [("empty", 0, nil), ("five", 5, nil), ("header", 20, nil), ("data", bytes.count - 1, "b")] as [(String, Int, String?)] {
            let path = try directory.write("\(name).safetensors", Array(bytes.prefix(cut)))
            let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
            guard case .truncated(let source, let named, _) = error else {
                Issue.record("\(name): expected truncated, got \(String(describing: error))")
                continue
            }
            #expect(source == path)
            #expect(named == tensor)
            #expect(error!.description.hasPrefix("\(path): truncated file"))
            #expect(!error!.description.contains("\n"))
        }
    }

    @Test(
        arguments: [
            ("not json", #"{"a": [1, 2"#, nil),
            ("not an object", #"[1, 2, 3]"#, nil),
            ("no dtype", #"{"a":{"shape":[1],"data_offsets":[0,4]}}"#, "a"),
            ("bad shape", #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "a"),
            ("fractional offset", #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4.5]}}"#, "a"),
            ("one offset", #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4]}}"#, "a"),
            ("entry not an object", #"{"a":7}"#, "a"),
        ] as [(String, String, String?)])
    func brokenHeader(label: String, header: String, tensor: String?) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("broken.safetensors", safetensors(header: header, data: [0, 0, 0, 0]))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        guard case .brokenHeader(let source, let named, _) = error else {
            Issue.record("\(label): expected a broken header, got \(String(describing: error))")
            return
        }
        #expect(source == path)
        #expect(named == tensor)
    }

    @Test func absurdHeaderLengthIsABrokenHeader() throws {
        let directory = try TemporaryDirectory()
        // "PK\x03\x04..." (a zip file) read as a length is enormous.
        let path = try directory.write("zip.safetensors", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0, 0, 0, 0])
        guard case .brokenHeader(path, nil, _) = caught(WeightsError.self, { _ = try SafetensorsWeights(contentsOf: path) }) else {
            Issue.record("expected a broken header")
            return
        }
    }

    @Test func offsetsOutsideTheFile() throws {
        let directory = try TemporaryDirectory()
        // A gap before "b" (not a back-to-back layout) pointing past the 8 data bytes.
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[100,104]}}"#
        let path = try directory.write("outside.safetensors", safetensors(header: header, data: littleEndian([1, 2])))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        guard case .badOffsets(path, "b", _) = error else {
            Issue.record("expected bad offsets for b, got \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("outside the file"))
    }

    @Test func offsetsInconsistentWithShape() throws {
        let directory = try TemporaryDirectory()
        let header = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        let path = try directory.write("short.safetensors", safetensors(header: header, data: littleEndian([1, 2, 3])))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        #expect(error == .badOffsets(source: path, tensor: "a", detail: "[0, 8) holds 8 bytes, shape [3] of F32 needs 12"))

        let reversed = try directory.write(
            "reversed.safetensors", safetensors(header: #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}"#, data: littleEndian([1, 2, 3])))
        guard case .badOffsets(reversed, "a", _) = caught(WeightsError.self, { _ = try SafetensorsWeights(contentsOf: reversed) }) else {
            Issue.record("expected bad offsets for a reversed range")
            return
        }
    }

    @Test func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("absent.safetensors")
        guard case .io(missing, let detail) = caught(WeightsError.self, { _ = try SafetensorsWeights(contentsOf: missing) }) else {
            Issue.record("expected an io error")
            return
        }
        #expect(detail.contains("cannot open"))
        guard case .io(directory.path, _) = caught(WeightsError.self, { _ = try SafetensorsWeights(contentsOf: directory.path) }) else {
            Issue.record("expected an io error for a directory")
            return
        }
    }

    @Test func writerRefusesToOverwrite() throws {
        let directory = try TemporaryDirectory()
        let path = try good(directory)
        let replacement = [("z", Tensor(shape: [1], repeating: 9))]
        #expect(throws: WeightsError.fileExists(path: path)) { try SafetensorsWriter.write(replacement, to: path) }
        #expect(try SafetensorsWeights(contentsOf: path).names == ["a", "b"])
        try SafetensorsWriter.write(replacement, to: path, overwrite: true)
        #expect(try SafetensorsWeights(contentsOf: path).names == ["z"])
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["good.safetensors"])
    }

    @Test func jsonEscapingOfNames() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("names.safetensors")
        let name = "quote\" back\\slash\ttab\u{1}é"
        try SafetensorsWriter.write([(name, Tensor(shape: [1], repeating: 3))], to: path)
        #expect(try SafetensorsWeights(contentsOf: path).tensor(named: name, shape: [1]).scalars == [3])
    }
}
