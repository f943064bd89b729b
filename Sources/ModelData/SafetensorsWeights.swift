import Foundation
import NetworkModel
import Tensors

/// Weights read from a `.safetensors` file with FaceNet's variable names.
///
/// The file is memory-mapped: tensors are converted to Float32 one by one when asked
/// for, and the 220 MB of a full network are never copied as a whole.
/// Format: 8-byte little-endian header length `N`, `N` bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}`,
/// then the data; offsets are relative to the first byte after the header.
/// At open, the header and every entry's offsets are checked: sizes overflow-checked,
/// `end - begin == elements * dtype size`, and the entries tile the data section exactly
/// (no gap, overlap or trailing byte, so a header length one byte off is refused); no name
/// appears twice. Dtype and shape are checked when a tensor is used.
public final class SafetensorsWeights: WeightSource, @unchecked Sendable {
    /// One tensor's header entry.
    public struct Entry: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range relative to the start of the data (after the header).
        public let offsets: Range<Int>
    }

    public let path: String
    public let entries: [String: Entry]
    /// The header's `__metadata__` (string to string), empty when absent.
    public let metadata: [String: String]
    private let file: MappedFile
    private let dataStart: Int

    /// Largest header read. Safetensors allows 100 MB, but parsing that many tiny entries
    /// takes gigabytes; FaceNet's header is about 120 KB, so 4 MiB leaves ample room.
    public static let maximumHeaderLength = 4 << 20

    public init(contentsOf path: String) throws {
        self.path = path
        let file = try MappedFile(path: path)
        self.file = file
        guard file.count >= 8 else {
            throw WeightsError.truncated(source: path, tensor: nil, detail: "\(file.count) bytes, shorter than the 8-byte header length")
        }
        let lengthBytes = file.bytes(0..<8)
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(lengthBytes[$1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(Self.maximumHeaderLength) else {
            throw WeightsError.brokenHeader(
                source: path, tensor: nil, detail: "header length \(headerLength) exceeds \(Self.maximumHeaderLength) bytes (not a safetensors file?)")
        }
        guard Int(headerLength) <= file.count - 8 else {
            throw WeightsError.truncated(
                source: path, tensor: nil, detail: "the header needs \(headerLength) bytes, the file has \(file.count - 8) after the length")
        }
        dataStart = 8 + Int(headerLength)
        let dataCount = file.count - dataStart
        let headerBytes = file.bytes(8..<dataStart)

        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(headerBytes), options: [])
        } catch {
            throw WeightsError.brokenHeader(source: path, tensor: nil, detail: "not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw WeightsError.brokenHeader(source: path, tensor: nil, detail: "not a JSON object")
        }
        // JSONSerialization keeps the last of repeated keys: count them in the text.
        if let repeated = JSONKeyScan.repeatedTopLevelKey(in: headerBytes) {
            throw WeightsError.brokenHeader(source: path, tensor: repeated, detail: "the name appears more than once")
        }

        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                guard let pairs = value as? [String: Any] else {
                    throw WeightsError.brokenHeader(source: path, tensor: nil, detail: "__metadata__ is not an object")
                }
                for (key, item) in pairs { metadata[key] = (item as? String) ?? "\(item)" }
                continue
            }
            entries[name] = try Self.entry(name: name, value: value, path: path)
        }

        // Offsets: as long as shape x dtype size says, inside the data, tiling it exactly.
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            if let size = SafetensorsDType.byteSize(entry.dtype) {
                guard let expected = Checked.product(entry.shape).flatMap({ Checked.product($0, size) }) else {
                    throw WeightsError.brokenHeader(source: path, tensor: name, detail: "shape \(entry.shape) holds more bytes than fit in memory")
                }
                guard entry.offsets.count == expected else {
                    throw WeightsError.badOffsets(
                        source: path, tensor: name,
                        detail:
                            "[\(entry.offsets.lowerBound), \(entry.offsets.upperBound)) holds \(entry.offsets.count) bytes, shape \(entry.shape) of \(entry.dtype) needs \(expected)"
                    )
                }
            }
        }
        try Self.checkTiling(entries, dataCount: dataCount, path: path)
        self.entries = entries
        self.metadata = metadata
    }

    public var sourceDescription: String { path }

    /// Every tensor name in the file, sorted.
    public var names: [String] { entries.keys.sorted() }

    public func tensor(named name: String, shape: [Int]) throws -> Tensor {
        guard let entry = entries[name] else { throw WeightsError.missingTensor(source: path, tensor: name) }
        guard SafetensorsDType.loadable.contains(entry.dtype) else {
            throw WeightsError.unsupportedDType(source: path, tensor: name, dtype: entry.dtype)
        }
        guard entry.shape == shape else {
            throw WeightsError.wrongShape(source: path, tensor: name, expected: shape, found: entry.shape)
        }
        return Tensor(shape: shape, scalars: scalars(of: entry))
    }

    /// Names in the file that `used` does not contain, sorted (for a warning).
    public func unusedNames(used: Set<String>) -> [String] {
        entries.keys.filter { !used.contains($0) }.sorted()
    }

    // MARK: - Reading

    /// The entry's elements as Float32 (F16 and BF16 widened exactly).
    private func scalars(of entry: Entry) -> [Float] {
        let count = entry.shape.reduce(1, *)
        let bytes = file.bytes((dataStart + entry.offsets.lowerBound)..<(dataStart + entry.offsets.upperBound))
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            switch entry.dtype {
            case "F32":
                // Offsets need not be 4-aligned: copy bytes (the host is little-endian like the format).
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
            case "F16":
                for i in 0..<count { buffer[i] = SafetensorsDType.widenHalf(Self.halfWord(bytes, i)) }
            default:  // BF16
                for i in 0..<count { buffer[i] = SafetensorsDType.widenBFloat(Self.halfWord(bytes, i)) }
            }
            initialised = count
        }
    }

    @inline(__always)
    private static func halfWord(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt16 {
        UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8
    }

    // MARK: - Header parsing

    private static func entry(name: String, value: Any, path: String) throws -> Entry {
        func broken(_ detail: String) -> WeightsError { .brokenHeader(source: path, tensor: name, detail: detail) }
        guard let fields = value as? [String: Any] else { throw broken("entry is not an object") }
        guard let dtype = fields["dtype"] as? String else { throw broken("no string \"dtype\"") }
        guard let shapeItems = fields["shape"] as? [Any] else { throw broken("no \"shape\" array") }
        let shape = try shapeItems.map { item -> Int in
            guard let dimension = integer(item), dimension >= 0 else { throw broken("shape \(shapeItems) is not a list of non-negative integers") }
            return dimension
        }
        guard let offsetItems = fields["data_offsets"] as? [Any], offsetItems.count == 2,
            let begin = integer(offsetItems[0]), let end = integer(offsetItems[1])
        else {
            throw broken("no \"data_offsets\" pair of integers")
        }
        guard begin >= 0, begin <= end else {
            throw WeightsError.badOffsets(source: path, tensor: name, detail: "[\(begin), \(end)) is not a byte range")
        }
        return Entry(dtype: dtype, shape: shape, offsets: begin..<end)
    }

    /// An integral JSON number (JSONSerialization gives NSNumber), nil for anything else.
    private static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 0x1p53 else { return nil }
        return number.intValue
    }

    /// Throws unless the entries, in offset order, tile `[0, dataCount)` back to back.
    /// A layout that tiles a longer range is a truncated file; anything else is bad offsets.
    private static func checkTiling(_ entries: [String: Entry], dataCount: Int, path: String) throws {
        var next = 0
        var previous: String? = nil
        for (name, entry) in entries.sorted(by: {
            ($0.value.offsets.lowerBound, $0.value.offsets.upperBound, $0.key) < ($1.value.offsets.lowerBound, $1.value.offsets.upperBound, $1.key)
        }) {
            let range = entry.offsets
            if range.lowerBound != next {
                let relation =
                    range.lowerBound > next
                    ? "a gap of \(range.lowerBound - next) bytes before it"
                    : "it overlaps '\(previous.map { UserText.escaped($0) } ?? "")' by \(next - range.lowerBound) bytes"
                let outside = range.upperBound > dataCount ? ", and it ends outside the file (\(dataCount) data bytes)" : ""
                throw WeightsError.badOffsets(
                    source: path, tensor: name,
                    detail: "[\(range.lowerBound), \(range.upperBound)): \(relation)\(outside) (the tensors must tile the data back to back)")
            }
            if range.upperBound > dataCount {
                throw WeightsError.truncated(
                    source: path, tensor: name,
                    detail: "the tensor lies at data bytes [\(range.lowerBound), \(range.upperBound)) but the file holds \(dataCount) data bytes")
            }
            next = range.upperBound
            previous = name
        }
        if next != dataCount {
            throw WeightsError.brokenHeader(
                source: path, tensor: nil, detail: "\(dataCount - next) data bytes after the last tensor (a wrong header length, or bytes appended)")
        }
    }
}
