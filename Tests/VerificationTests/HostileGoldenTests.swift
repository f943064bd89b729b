import Foundation
import Testing

@testable import Verification

/// A golden file made from scratch: preamble, the given header fields, the blob.
enum TinyGolden {
    /// `inputs` is the JSON array of inputs; the blob's length and checksum are filled in.
    static func bytes(inputs: String, blob: [Float], storedBlobLength: UInt64? = nil) -> [UInt8] {
        let checksum = WeightChecksum.hex(WeightChecksum.of(blob))
        let header =
            #"{"format":"inception-explorer-golden","version":1,"generator":"test","created":"now","tensorflow":"-","keras":"-","numpy":"-","network":{"input_size":2,"bottleneck":1},"weights_seed":1,"weights":[],"inputs":"#
            + inputs + #","blob_bytes":\#(blob.count * 4),"blob_checksum":"\#(checksum)"}"#
        let json = Array(header.utf8)
        func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] { (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let values = blob.flatMap { little($0.bitPattern) }
        return GoldenFile.magic + little(UInt32(1)) + little(UInt32(json.count)) + json + little(storedBlobLength ?? UInt64(values.count)) + values
    }

    /// One input of `[1, 1, 1, 1]` at offset 0 with the given layers.
    static func input(layers: String) -> String {
        #"[{"name":"builtin","description":"d","tensor":{"shape":[1,1,1,1],"offset":0,"count":1},"layers":"# + layers + "}]"
    }

    /// A whole layer record.
    static func layer(shape: String, offset: String, count: String) -> String {
        #"[{"name":"L","shape":"# + shape + #","sum":0,"sum_squares":0,"min":0,"max":0,"whole":true,"offset":"# + offset + #","count":"# + count + "}]"
    }
}

/// Issue 17 cases 4 and 16, and `--golden /dev/zero`: each a one-line error, no trap.
@Suite struct HostileGoldenTests {
    private func loadError(_ bytes: [UInt8]) throws -> GoldenFileError? {
        let path = try GoldenFixture.temporaryFile(bytes, name: "hostile.golden")
        do { _ = try GoldenFile.load(path: path) } catch { return error }
        return nil
    }

    @Test func theTinyBuilderMakesAValidFile() throws {
        let bytes = TinyGolden.bytes(inputs: TinyGolden.input(layers: TinyGolden.layer(shape: "[1]", offset: "1", count: "1")), blob: [0.5, 0.25])
        #expect(try loadError(bytes) == nil)
    }

    /// Case 4: lengths, offsets and shapes near 2^63.
    @Test(arguments: [
        ("[1]", "9223372036854775807", "1", "outside the stored values"),
        ("[1]", "1", "9223372036854775807", "outside the stored values"),
        ("[4294967296,4294967296,4]", "1", "1", "negative or overflows"),
        ("[3037000500,3037000500]", "1", "1", "negative or overflows"),
        ("[-1]", "1", "1", "negative or overflows"),
    ])
    func layerFieldsNearTwoToThe63(shape: String, offset: String, count: String, expected: String) throws {
        let bytes = TinyGolden.bytes(inputs: TinyGolden.input(layers: TinyGolden.layer(shape: shape, offset: offset, count: count)), blob: [0.5, 0.25])
        let error = try loadError(bytes)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func blobLengthNearTwoToThe64() throws {
        let valid = TinyGolden.input(layers: TinyGolden.layer(shape: "[1]", offset: "1", count: "1"))
        for stored in [UInt64(1) << 63, UInt64.max, UInt64(Int.max) - 3] {
            let error = try loadError(TinyGolden.bytes(inputs: valid, blob: [0.5, 0.25], storedBlobLength: stored))
            #expect(error?.description.contains("blob length \(stored) disagrees") == true, "\(String(describing: error))")
        }
    }

    @Test func inputShapeThatOverflows() throws {
        let inputs =
            #"[{"name":"x","description":"d","tensor":{"shape":[4294967296,4294967296,4294967296,1],"offset":0,"count":1},"layers":"#
            + TinyGolden.layer(shape: "[1]", offset: "1", count: "1") + "}]"
        let error = try loadError(TinyGolden.bytes(inputs: inputs, blob: [0.5, 0.25]))
        #expect(error?.description.contains("input 'x' has shape") == true, "\(String(describing: error))")
    }

    /// Case 16: no inputs, or an input with no layers, checks nothing and is refused.
    @Test func noInputsOrNoSamples() throws {
        let none = try loadError(TinyGolden.bytes(inputs: "[]", blob: []))
        #expect(none?.description.contains("no inputs are recorded") == true, "\(String(describing: none))")
        let empty = try loadError(TinyGolden.bytes(inputs: TinyGolden.input(layers: "[]"), blob: [0.5]))
        #expect(empty?.description.contains("input 'builtin' records no layers") == true, "\(String(describing: empty))")
    }

    /// A device is not read forever, and the message is one line, not an NSError dump.
    @Test func deviceIsNotAGoldenFile() throws {
        #expect(throws: GoldenFileError.unreadable(path: "/dev/zero", detail: "not a regular file")) { try GoldenFile.load(path: "/dev/zero") }
        let placeholder = try GoldenFixture.temporaryFile([], name: "placeholder")
        let folder = URL(fileURLWithPath: placeholder).deletingLastPathComponent().path
        var error: GoldenFileError? = nil
        do { _ = try GoldenFile.load(path: folder) } catch let caught { error = caught }
        #expect(error?.description.contains("not a regular file") == true)
        #expect(error?.description.contains("\n") == false)
    }

    /// A layer name with a newline and a bidi override is escaped in the message.
    @Test func layerNamesAreEscaped() throws {
        let layers = #"[{"name":"L\n\u202e","shape":[1],"sum":0,"sum_squares":0,"min":0,"max":0,"whole":true,"offset":1,"count":5}]"#
        let error = try loadError(TinyGolden.bytes(inputs: TinyGolden.input(layers: layers), blob: [0.5, 0.25]))
        let text = error?.description ?? ""
        #expect(text.contains(#"layer 'L\n\u{202e}'"#), "\(text)")
        #expect(!text.contains("\n"))
    }
}
