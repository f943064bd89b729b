/// Everything the arithmetic says about one layer.
public struct LedgerEntry: Sendable {
    public let layer: Layer
    public let inputShapes: [Shape]
    public let output: Shape
    /// The window actually slid (a global pool's kernel is its input map), nil for other ops.
    public let window: Window?
    /// Zero padding applied on each side.
    public let pad: SidePadding
    /// Input rows and columns (0-based) that no window reaches.
    public let lostRows: [Int]
    public let lostColumns: [Int]
    public let weights: [WeightTensor]
    /// Multiply-adds of the layer (convolutions and fully connected layers).
    public let macs: Int
    /// Receptive field of one output pixel, in input pixels (height, width).
    public let receptiveField: Size2
    /// Distance in input pixels between neighbouring output pixels.
    public let jump: Size2
    /// For a concat: which channels each input fills.
    public let concatSlices: [ConcatSlice]

    public var name: String { layer.name }
    public var parameterCount: Int { weights.reduce(0) { $0 + $1.elementCount } }
    public var movingStatisticCount: Int { weights.filter(\.role.isMovingStatistic).reduce(0) { $0 + $1.elementCount } }
    /// Bytes of the float32 output at batch 1.
    public var activationBytes: Int { output.elementCount * MemoryLayout<Float>.size }
    /// The first input's shape (every op but concat and residual has one input).
    public var input: Shape { inputShapes.first ?? output }
    public var isLossy: Bool { !lostRows.isEmpty || !lostColumns.isEmpty }
}

/// The channels one input of a concat occupies in its output.
public struct ConcatSlice: Hashable, Sendable {
    public let source: String
    /// `Branch_1`, or the source's name when it is not in a branch.
    public let branch: String
    public let channels: Range<Int>

    public var width: Int { channels.count }
}
