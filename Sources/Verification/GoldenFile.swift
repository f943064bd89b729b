import Foundation
import NetworkModel
import Tensors

/// A golden file: the reference's records of every layer for a few inputs, and the
/// checksums of the weights it used. Loading checks the structure; `check(against:)`
/// checks that it describes the ledger's network.
public struct GoldenFile: Sendable {
    public static let magic: [UInt8] = Array("IEGOLDEN".utf8)
    public static let supportedVersion: UInt32 = 1
    public static let fileName = "inception-resnet-v2-160.golden"

    public let path: String
    public let header: GoldenHeader
    /// Every stored float32 value; header slices index it.
    let blob: [Float]

    /// Largest golden file read (the shipped one is under 4 MB).
    public static let largestFile = 256 << 20

    /// Reads and checks `path`; throws `GoldenFileError` naming what is wrong.
    public static func load(path: String) throws(GoldenFileError) -> GoldenFile {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        // A device (/dev/zero) or a fifo would be read forever: only regular files, and not huge ones.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw .unreadable(path: path, detail: "not a regular file")
        }
        if let size = attributes?[.size] as? Int, size > largestFile {
            throw .unreadable(path: path, detail: "\(size) bytes, more than the \(largestFile) a golden file may have")
        }
        let data: Data
        // An empty file is not read: Data(contentsOf:) leaks a 4 KB buffer on one
        // (found by scripts/fuzz.sh Golden; Tests/FuzzRegressions/Golden/empty.golden).
        do { data = (attributes?[.size] as? Int) == 0 ? Data() : try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw .unreadable(path: path, detail: reason)
        }
        return try GoldenFile(path: path, bytes: [UInt8](data))
    }

    init(path: String, bytes: [UInt8]) throws(GoldenFileError) {
        guard bytes.count >= 8 else {
            if bytes.elementsEqual(Self.magic.prefix(bytes.count)) {
                throw .truncated(path: path, detail: "\(bytes.count) bytes, not even the 16-byte preamble")
            }
            throw .notGolden(path: path)
        }
        guard Array(bytes[0..<8]) == Self.magic else { throw .notGolden(path: path) }
        guard bytes.count >= 16 else { throw .truncated(path: path, detail: "\(bytes.count) bytes, the preamble needs 16") }
        let version = Self.uint32(bytes, at: 8)
        guard version == Self.supportedVersion else {
            throw .unsupportedVersion(path: path, found: version, supported: Self.supportedVersion)
        }
        let headerLength = Int(Self.uint32(bytes, at: 12))
        guard bytes.count >= 24 + headerLength else {
            throw .truncated(path: path, detail: "\(bytes.count) bytes, the header alone needs \(24 + headerLength)")
        }
        let header: GoldenHeader
        do {
            header = try JSONDecoder().decode(GoldenHeader.self, from: Data(bytes[16..<(16 + headerLength)]))
        } catch {
            throw .brokenHeader(path: path, detail: Self.describe(error))
        }
        guard header.format == "inception-explorer-golden", header.version == Int(Self.supportedVersion) else {
            throw .brokenHeader(path: path, detail: "format '\(header.format)' version \(header.version)")
        }
        let blobStart = 24 + headerLength
        let storedLength = Self.uint64(bytes, at: 16 + headerLength)
        guard let blobBytes = Checked.int(storedLength), blobBytes == header.blobBytes, blobBytes % 4 == 0 else {
            throw .corrupt(path: path, detail: "blob length \(storedLength) disagrees with the header's \(header.blobBytes)")
        }
        guard let blobEnd = Checked.sum(blobStart, blobBytes), bytes.count >= blobEnd else {
            throw .truncated(path: path, detail: "\(bytes.count) bytes, the header promises \(blobStart) + \(blobBytes)")
        }
        guard bytes.count == blobEnd else {
            throw .corrupt(path: path, detail: "\(bytes.count - blobEnd) bytes after the blob")
        }
        let blob = bytes.withUnsafeBytes { raw in
            (0..<(blobBytes / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: blobStart + 4 * $0, as: UInt32.self))) }
        }
        let checksum = WeightChecksum.hex(WeightChecksum.of(blob))
        guard checksum == header.blobChecksum else {
            throw .corrupt(path: path, detail: "the values' checksum is \(checksum), the header says \(header.blobChecksum)")
        }
        guard !header.inputs.isEmpty else {
            throw .corrupt(path: path, detail: "no inputs are recorded, so there is nothing to check against")
        }
        try Self.validateSlices(header, floats: blob.count, path: path)
        self.path = path
        self.header = header
        self.blob = blob
    }

    // MARK: - Access

    /// The input named `name` (`builtin`, `asymmetric`).
    public func input(named name: String) -> GoldenInput? { header.inputs.first { $0.name == name } }

    /// The image of a recorded input, `[1, h, w, 3]`.
    public func image(of input: GoldenInput) -> Tensor {
        Tensor(shape: input.tensor.shape ?? [input.tensor.count], scalars: Array(blob[input.tensor.offset..<(input.tensor.offset + input.tensor.count)]))
    }

    /// The stored values of a layer (whole, or the sampled cross product).
    public func values(of layer: GoldenLayer) -> ArraySlice<Float> {
        blob[layer.offset..<(layer.offset + layer.count)]
    }

    // MARK: - Against the network

    /// Throws `.mismatch` unless every ledger layer is recorded with the ledger's shape for
    /// every input, nothing else is, and every ledger variable has a checksum with its shape.
    public func check(against ledger: Ledger) throws(GoldenFileError) {
        let configuration = ledger.network.configuration
        guard configuration.input == Size2(square: header.network.inputSize), header.network.bottleneck == configuration.bottleneck else {
            throw .mismatch(
                path: path,
                detail:
                    "recorded at input \(header.network.inputSize), bottleneck \(header.network.bottleneck); the ledger has \(configuration.input.compactDescription), \(configuration.bottleneck) (verify checks the default network only)"
            )
        }
        for input in header.inputs {
            let recorded = Dictionary(input.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for entry in ledger.entries {
                guard let layer = recorded[entry.name] else {
                    throw .mismatch(path: path, detail: "input '\(input.name)' has no record of layer '\(entry.name)'")
                }
                guard layer.shape == entry.output.dims else {
                    throw .mismatch(
                        path: path, detail: "layer '\(entry.name)' has shape \(layer.shape) in input '\(input.name)', the ledger says \(entry.output.dims)")
                }
            }
            if let extra = input.layers.first(where: { ledger[$0.name] == nil }) {
                throw .mismatch(path: path, detail: "input '\(input.name)' records layer '\(extra.name)', which the ledger does not have")
            }
            let order = input.layers.map(\.name)
            guard order == ledger.entries.map(\.name) else {
                throw .mismatch(path: path, detail: "input '\(input.name)' records the layers in another order than the ledger runs them")
            }
        }
        let weights = Dictionary(header.weights.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for variable in ledger.weights {
            guard let weight = weights[variable.name] else {
                throw .mismatch(path: path, detail: "no checksum for variable '\(variable.name)'")
            }
            guard weight.shape == variable.shape else {
                throw .mismatch(path: path, detail: "variable '\(variable.name)' has shape \(weight.shape), the ledger says \(variable.shape)")
            }
        }
        guard header.weights.count == ledger.weights.count else {
            throw .mismatch(path: path, detail: "\(header.weights.count) weight checksums for the ledger's \(ledger.weights.count) variables")
        }
    }

    // MARK: - Bytes

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    private static func validateSlices(_ header: GoldenHeader, floats: Int, path: String) throws(GoldenFileError) {
        func inBlob(_ offset: Int, _ count: Int, _ what: String) throws(GoldenFileError) {
            guard offset >= 0, count >= 0, let end = Checked.sum(offset, count), end <= floats else {
                throw .corrupt(path: path, detail: "\(what) lies outside the stored values (\(offset)+\(count) of \(floats))")
            }
        }
        for input in header.inputs {
            try inBlob(input.tensor.offset, input.tensor.count, "input '\(input.name)'")
            guard !input.layers.isEmpty else {
                throw .corrupt(path: path, detail: "input '\(input.name)' records no layers")
            }
            if let shape = input.tensor.shape, Checked.product(shape) != input.tensor.count {
                throw .corrupt(path: path, detail: "input '\(input.name)' has shape \(shape) but \(input.tensor.count) values")
            }
            for layer in input.layers {
                let what = "layer '\(layer.name)' of input '\(input.name)'"
                try inBlob(layer.offset, layer.count, what)
                guard Checked.product(layer.shape) != nil else {
                    throw .corrupt(path: path, detail: "\(what) has shape \(layer.shape), which is negative or overflows")
                }
                guard layer.count == layer.expectedCount else {
                    throw .corrupt(
                        path: path,
                        detail: "\(what) stores \(layer.count) values, its shape and samples need \(layer.expectedCount.map(String.init) ?? "more than fit")")
                }
                if !layer.whole {
                    let isMap = layer.shape.count == 3
                    let bounds: [([Int]?, Int)] =
                        isMap
                        ? [(layer.rows, layer.shape[0]), (layer.cols, layer.shape[1]), (layer.channels, layer.shape[2])]
                        : [(layer.channels, layer.shape.last ?? 0)]
                    for (indices, extent) in bounds {
                        guard let indices, indices.allSatisfy({ $0 >= 0 && $0 < extent }) else {
                            throw .corrupt(path: path, detail: "\(what) samples positions outside its shape \(layer.shape)")
                        }
                    }
                }
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON: \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
