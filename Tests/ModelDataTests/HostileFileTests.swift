import Foundation
import NetworkModel
import Tensors
import Testing

@testable import ModelData

/// A `.npy` file built byte by byte: magic, version, length field, header text, data.
func npyBytes(major: UInt8 = 1, minor: UInt8 = 0, header: String, data: [UInt8] = []) -> [UInt8] {
    let text = Array(header.utf8)
    let lengthBytes = major == 1 ? 2 : 4
    let length = (0..<lengthBytes).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) }
    return NPY.magic + [major, minor] + length + text + data
}

/// Issue 17's hostile files, each a few bytes: every one is a one-line error naming the
/// file, never a trap, a hang or gigabytes.
@Suite struct HostileFileTests {
    /// Case 1: a shape whose byte count overflows 64 bits.
    @Test func safetensorsShapeThatOverflows() throws {
        let directory = try TemporaryDirectory()
        let header = #"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#
        let path = try directory.write("overflow.safetensors", safetensors(header: header, data: [0, 0, 0, 0]))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        #expect(error?.description.contains("more bytes than fit in memory") == true, "\(String(describing: error))")
        #expect(error?.description.contains("'a'") == true)
    }

    /// Case 2: npy shapes whose element or byte count overflows.
    @Test(arguments: ["(4611686018427387904, 4)", "(2305843009213693952,)", "(9223372036854775807, 9223372036854775807)"])
    func npyShapeThatOverflows(shape: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("overflow.npy", npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }\n", data: [0, 0, 0, 0]))
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        #expect(error?.kind == .brokenHeader)
        #expect(error?.description.contains("more elements than fit in memory") == true, "\(String(describing: error))")
    }

    /// Case 3: sixty thousand open parentheses do not recurse sixty thousand deep.
    @Test func npyHeaderNestedDeeply() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("deep.npy", npyBytes(major: 2, header: "{'shape': " + String(repeating: "(", count: 60_000)))
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        #expect(error?.kind == .brokenHeader)
        #expect(error?.description.contains("nested deeper than") == true, "\(String(describing: error))")
    }

    /// Case 11: a valid file whose header length is one byte short shifts every tensor.
    @Test func safetensorsHeaderLengthOneByteShort() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("short-by-one.safetensors")
        // Two tensors so that the header is padded with spaces (JSON still valid one byte shorter).
        try SafetensorsWriter.write([("x/weights", Tensor(shape: [3], scalars: [1, 2, 3])), ("y/biases", Tensor(shape: [1], scalars: [4]))], to: path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[8 + Int(bytes[0]) - 1] == 0x20, "the fixture's header ends with padding")
        bytes[0] -= 1
        try directory.write("short-by-one.safetensors", bytes)
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        #expect(error?.description.contains("1 data bytes after the last tensor") == true, "\(String(describing: error))")
    }

    /// Data regions must tile the data section (an overlap is refused as well as a gap), and
    /// a name given twice is refused (JSONSerialization would keep the last silently).
    @Test(arguments: [
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, "overlaps 'a' by 4 bytes"),
        (
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a" :{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
            "tensor 'a': the name appears more than once"
        ),
    ])
    func safetensorsLayoutRefused(header: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("layout.safetensors", safetensors(header: header, data: littleEndian([1, 2])))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    /// Case 13: a header over the cap is refused before it is parsed.
    @Test func safetensorsHugeHeader() throws {
        let directory = try TemporaryDirectory()
        let length = UInt64(SafetensorsWeights.maximumHeaderLength + 1)
        // The length field only: the file need not hold the header for the check to fire.
        let path = try directory.write("huge.safetensors", (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + Array("{}".utf8))
        let error = caught(WeightsError.self) { _ = try SafetensorsWeights(contentsOf: path) }
        #expect(error?.description.contains("exceeds") == true, "\(String(describing: error))")
    }

    /// Case 13: a 200 MB npy header is refused from its length field.
    @Test func npyHugeHeader() throws {
        let directory = try TemporaryDirectory()
        let length = 200_000_000
        let path = try directory.write("huge.npy", NPY.magic + [2, 0] + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + Array("{".utf8))
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        #expect(error?.kind == .brokenHeader)
        #expect(error?.description.contains("more than the 65536") == true, "\(String(describing: error))")
    }

    /// Versions that do not exist (1.1, 2.7, 3.9) are refused, not read as their major.
    @Test(arguments: [(UInt8(1), UInt8(1)), (2, 7), (3, 9), (4, 0)])
    func npyUnknownVersion(major: UInt8, minor: UInt8) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "version.npy", npyBytes(major: major, minor: minor, header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", data: [0, 0, 0, 0]))
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        #expect(error?.kind == .unsupportedVersion)
        #expect(error?.description.contains("version \(major).\(minor) is not supported") == true)
    }

    /// Text from a file is escaped: a newline, a NUL and a right-to-left override stay visible and on one line.
    @Test func npyKeyIsEscaped() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "escape.npy", npyBytes(header: "{'de\nscr\u{0}\u{202E}': '<f4', 'fortran_order': False, 'shape': (1,), }\n", data: [0, 0, 0, 0]))
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        let text = error?.description ?? ""
        #expect(text.contains(#"'de\nscr\u{0}\u{202e}'"#), "\(text)")
        #expect(!text.contains("\n") && !text.contains("\u{202E}") && !text.contains("\u{0}"))
    }

    /// A long file name is cut in messages, so a message stays one readable line.
    @Test func longNamesAreCut() {
        let text = UserText.escaped(String(repeating: "a", count: 1_000_000))
        #expect(text.count < UserText.longest + 30)
        #expect(text.hasSuffix("...(1000000 bytes)"))
    }
}
