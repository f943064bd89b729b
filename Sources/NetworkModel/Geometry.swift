/// A height and a width: a map size, a kernel, a stride.
public struct Size2: Hashable, Sendable, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// A square size.
    public init(square side: Int) { self.init(side, side) }

    public var isSquare: Bool { height == width }

    /// `3x3`, `1x7`.
    public var description: String { "\(height)x\(width)" }
}

/// The shape of one activation at batch 1: `[h, w, c]` for a map, `[c]` once flattened.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public let dims: [Int]

    public init(_ dims: [Int]) { self.dims = dims }

    public init(height: Int, width: Int, channels: Int) { self.dims = [height, width, channels] }

    public var isMap: Bool { dims.count == 3 }
    /// Spatial size of a map; a flat vector counts as 1x1.
    public var spatial: Size2 { isMap ? Size2(dims[0], dims[1]) : Size2(1, 1) }
    public var channels: Int { dims.last ?? 0 }
    public var elementCount: Int { dims.reduce(1, *) }

    /// `17x17x320`, or `1536` for a vector.
    public var description: String { dims.map(String.init).joined(separator: "x") }

    /// `(-1,17,17,320)`: the source table's NHWC notation with a free batch.
    public var sourceNotation: String { "(" + (["-1"] + dims.map(String.init)).joined(separator: ",") + ")" }
}
