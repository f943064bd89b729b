import NetworkModel

/// The JSON header of a golden file (format version 1, see docs/golden-format.md).
public struct GoldenHeader: Decodable, Sendable {
    public let format: String
    public let version: Int
    public let generator: String
    public let created: String
    public let tensorflow: String
    public let keras: String
    public let numpy: String
    public let network: GoldenNetwork
    public let weightsSeed: UInt64
    public let weights: [GoldenWeight]
    public let inputs: [GoldenInput]
    public let blobBytes: Int
    public let blobChecksum: String

    enum CodingKeys: String, CodingKey {
        case format, version, generator, created, tensorflow, keras, numpy, network, weights, inputs
        case weightsSeed = "weights_seed"
        case blobBytes = "blob_bytes"
        case blobChecksum = "blob_checksum"
    }
}

/// The configuration the reference ran.
public struct GoldenNetwork: Decodable, Sendable {
    public let inputSize: Int
    public let bottleneck: Int

    enum CodingKeys: String, CodingKey {
        case inputSize = "input_size"
        case bottleneck
    }
}

/// One weight tensor as the reference loaded it: FaceNet name, shape, checksum.
public struct GoldenWeight: Decodable, Sendable {
    public let name: String
    public let shape: [Int]
    /// `weights/relu`, `weights/linear`, `biases`, `BatchNorm/beta`, ...
    public let role: String
    /// The Keras variable it was loaded into (`conv2d_17/kernel`).
    public let keras: String
    /// `WeightChecksum` of the values, as `0x` and 16 hex digits.
    public let checksum: String
    public let sum: Double
    public let first: [Double]
}

/// A run of the reference on one image.
public struct GoldenInput: Decodable, Sendable {
    /// `builtin` or `asymmetric`.
    public let name: String
    public let description: String
    /// The image itself, `[1, h, w, 3]`, stored whole.
    public let tensor: GoldenSlice
    /// Every named layer of the ledger, in execution order.
    public let layers: [GoldenLayer]
}

/// Where a tensor's values lie in the blob (offset and count in floats).
public struct GoldenSlice: Decodable, Sendable {
    public let shape: [Int]?
    public let offset: Int
    public let count: Int
}

/// What the reference recorded for one layer.
public struct GoldenLayer: Decodable, Sendable {
    public let name: String
    /// The ledger's output dims: `[h, w, c]` or `[n]` (no batch).
    public let shape: [Int]
    public let sum: Double
    public let sumSquares: Double
    public let min: Double
    public let max: Double
    /// True when `values` is the whole tensor, row-major.
    public let whole: Bool
    /// Sampled rows, columns (maps) and channels; values are their cross product, row-major.
    public let rows: [Int]?
    public let cols: [Int]?
    public let channels: [Int]?
    public let offset: Int
    public let count: Int

    enum CodingKeys: String, CodingKey {
        case name, shape, sum, min, max, whole, rows, cols, channels, offset, count
        case sumSquares = "sum_squares"
    }

    public var elementCount: Int { shape.reduce(1, *) }

    /// Root mean square of the reference tensor: the layer's typical magnitude.
    public var rootMeanSquare: Double { elementCount > 0 ? (sumSquares / Double(elementCount)).squareRoot() : 0 }

    /// How many values the sampling rule stores (nil when that overflows).
    var expectedCount: Int? {
        if whole { return Checked.product(shape) }
        return Checked.product([rows?.count ?? 1, cols?.count ?? 1, channels?.count ?? 0])
    }
}
