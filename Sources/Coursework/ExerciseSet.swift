import NetworkModel

/// A set of exercises as an instructor writes it: which kinds, how many, and the ranges
/// the parameters are drawn from. Loaded from a small JSON file (see `Exercises/sets`).
public struct ExerciseSet: Sendable, Hashable {
    public var name: String
    public var title: String
    public var count: Int
    public var kinds: [ExerciseKind]
    /// Side of the map for one-op questions.
    public var map: ClosedRange<Int> = 5...32
    public var kernel: ClosedRange<Int> = 1...7
    public var stride: ClosedRange<Int> = 1...4
    public var paddings: [Padding] = [.valid, .same]
    public var kernelShapes: [KernelShape] = [.square]
    /// Input image side for network what-ifs that must not break the network.
    public var inputSize: ClosedRange<Int> = 75...320
    /// Input image side for "where does it break" questions.
    public var breakInputSize: ClosedRange<Int> = 20...100
    /// Layers in a stack for the stack receptive-field question.
    public var stackDepth: ClosedRange<Int> = 2...4
    /// How many consecutive sizes the lossless-sizes question asks about.
    public var sizeRangeWidth: Int = 12
    /// Layers the network-shape and layer-receptive-field questions ask about.
    public var layers: [String] = ExerciseSet.defaultLayers
    /// Whether network questions may override one layer's padding.
    public var overrides: Bool = true

    /// Stem layers and the output of each block kind: a short walk through the network.
    public static let defaultLayers = [
        "Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_3a_3x3", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
        "MaxPool_5a_3x3", "Mixed_5b", "Block35_1", "Mixed_6a", "Block17_1", "Mixed_7a", "Block8_1", "Conv2d_7b_1x1",
    ]

    public init(name: String, title: String, count: Int, kinds: [ExerciseKind]) {
        self.name = name
        self.title = title
        self.count = count
        self.kinds = kinds
    }

    /// Every field in a fixed order: the set's identity in seeds and fingerprints, so a sheet
    /// made from one version of a set file is not graded against an edited one.
    public var canonical: String {
        func range(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)-\(r.upperBound)" }
        return [
            "name=\(name)", "title=\(title)", "count=\(count)", "kinds=\(kinds.map(\.rawValue).joined(separator: ","))",
            "map=\(range(map))", "kernel=\(range(kernel))", "stride=\(range(stride))",
            "padding=\(paddings.map(\.rawValue).joined(separator: ","))", "kernelShapes=\(kernelShapes.map(\.rawValue).joined(separator: ","))",
            "inputSize=\(range(inputSize))", "breakInputSize=\(range(breakInputSize))", "stackDepth=\(range(stackDepth))",
            "sizeRangeWidth=\(sizeRangeWidth)", "layers=\(layers.joined(separator: ","))", "overrides=\(overrides)",
        ].joined(separator: ";")
    }
}
