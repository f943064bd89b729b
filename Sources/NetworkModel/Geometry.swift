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

    /// `17` (square) or `330x400` (height x width), every side a positive whole number; nil otherwise.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let height = parts[0], let width = parts[parts.count - 1], height > 0, width > 0 else { return nil }
        self.init(height, width)
    }

    public var isSquare: Bool { height == width }

    /// `160` for a square size, `330x400` otherwise: how a size is typed.
    public var compactDescription: String { isSquare ? "\(height)" : description }

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
