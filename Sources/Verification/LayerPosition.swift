/// A position in a layer's output: `(row, column, channel)` of a map, or an index of a vector.
public struct LayerPosition: Sendable, Equatable, Codable, CustomStringConvertible {
    public let row: Int?
    public let column: Int?
    public let channel: Int
    /// On the outermost ring of a map (where padding rules bite); false for vectors.
    public let isBorder: Bool

    public init(row: Int?, column: Int?, channel: Int, isBorder: Bool) {
        self.row = row
        self.column = column
        self.channel = channel
        self.isBorder = isBorder
    }

    /// `(0,16,31) border`, `[517]`.
    public var description: String {
        if let row, let column { return "(\(row),\(column),\(channel)) \(isBorder ? "border" : "interior")" }
        return "[\(channel)]"
    }
}
