import JSONText
import Tensors

/// Writes Float32 tensors as a `.safetensors` file (dtype F32, little-endian),
/// in the order given, the header padded with spaces to a multiple of 8 bytes.
public enum SafetensorsWriter {
    /// Writes `tensors`; refuses an existing file unless `overwrite`.
    public static func write(_ tensors: [(name: String, tensor: Tensor)], to path: String, overwrite: Bool = false, metadata: [String: String] = [:]) throws {
        try write(shapes: tensors.map { ($0.name, $0.tensor.shape) }, to: path, overwrite: overwrite, metadata: metadata) { tensors[$0].tensor.scalars }
    }

    /// Streams tensors: `values(i)` is called once per tensor, in order, so the whole
    /// set never needs to be in memory (the full network is about 224 MB).
    public static func write(
        shapes: [(name: String, shape: [Int])], to path: String, overwrite: Bool = false,
        metadata: [String: String] = [:], values: (Int) throws -> [Float]
    ) throws {
        var seen = Set<String>()
        for (name, _) in shapes {
            guard name != "__metadata__", seen.insert(name).inserted else {
                throw WeightsError.io(source: path, detail: "tensor name '\(name)' is reserved or repeated")
            }
        }
        let header = headerBytes(shapes: shapes, metadata: metadata)
        let file = try OutputFile(
            path: path, overwrite: overwrite, exists: { WeightsError.fileExists(path: $0) },
            failure: { WeightsError.io(source: path, detail: $0) })
        try file.write((0..<8).map { UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64($0))) })  // little-endian
        try file.write(header)
        for (index, (name, shape)) in shapes.enumerated() {
            let scalars = try values(index)
            guard scalars.count == shape.reduce(1, *) else {
                throw WeightsError.io(source: path, detail: "tensor '\(name)' has \(scalars.count) values for shape \(shape)")
            }
            try file.write(scalars)
        }
        try file.commit()
    }

    /// The JSON header, padded with spaces so that the data starts 8-aligned.
    static func headerBytes(shapes: [(name: String, shape: [Int])], metadata: [String: String]) -> [UInt8] {
        var members: [(String, JSONValue)] = []
        if !metadata.isEmpty {
            members.append(("__metadata__", .object(metadata.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        var offset = 0
        for (name, shape) in shapes {
            let end = offset + shape.reduce(1, *) * 4
            members.append((name, .object([("dtype", .string("F32")), ("shape", .ints(shape)), ("data_offsets", .ints([offset, end]))])))
            offset = end
        }
        var bytes = Array(JSONValue.object(members).serialized().utf8)
        while (8 + bytes.count) % 8 != 0 { bytes.append(0x20) }
        return bytes
    }
}
