/// One place where the source table and the ledger part ways, or where the table needs a word.
public struct AuditFinding: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A figure of the table differs from the arithmetic.
        case disagrees
        /// The table names a layer that is not the one at that place.
        case mislabels
        /// The table leaves out a fact the reference code has.
        case omits
        /// The table is right, but easy to misread; the explanation says how.
        case clarifies
    }

    public let kind: Kind
    public let row: SourceRow
    /// The ledger layers concerned (every instance of a repeated row, when all agree).
    public let layers: [String]
    /// The column or fact: `kernel size`, `note`, `scale`.
    public let field: String
    public let source: String
    public let ledger: String
    public let explanation: String

    /// `Block17_1..Block17_20/Branch_1/Conv2d_0b_1x7`, or the one layer.
    public var layerText: String {
        guard layers.count > 1, let first = layers.first, let last = layers.last else { return layers.first ?? "" }
        let firstBlock = first.split(separator: "/").first!
        let lastBlock = last.split(separator: "/").first!
        let rest = first.split(separator: "/").dropFirst().joined(separator: "/")
        return "\(firstBlock)..\(lastBlock)" + (rest.isEmpty ? "" : "/\(rest)")
    }
}
