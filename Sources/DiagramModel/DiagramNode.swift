/// One box of the diagram: a layer, a block, a run of repeated blocks, or a stub.
public struct DiagramNode: Sendable, Equatable {
    /// Unique id; a layer's or block's name where the node stands for one.
    public var id: String
    /// The bold first line.
    public var title: String
    /// Smaller lines under the title (op, kernel, stride, padding, output shape).
    public var details: [String]
    /// A highlighted line: pixels lost or padding added, or why the layer breaks.
    public var badge: Badge?
    /// Rows of a table-shaped node (a concat's channel slices), header first.
    public var table: [[String]]?
    /// The line under a table (`384 + 384 + 320 = 1088`).
    public var tableFooter: String?
    public var style: NodeStyle
    /// Ledger layers this node stands for (for timing and verification shading).
    public var layers: [String]
    /// A fill replacing the style's (set by shading).
    public var fill: String?
    /// Set when this node holds the layer the ledger rejected.
    public var isFailing: Bool

    public init(
        id: String, title: String, details: [String] = [], badge: Badge? = nil, table: [[String]]? = nil, tableFooter: String? = nil, style: NodeStyle,
        layers: [String] = [], fill: String? = nil, isFailing: Bool = false
    ) {
        self.id = id
        self.title = title
        self.details = details
        self.badge = badge
        self.table = table
        self.tableFooter = tableFooter
        self.style = style
        self.layers = layers
        self.fill = fill
        self.isFailing = isFailing
    }

    /// Every text line of the node, for searching.
    public var text: [String] {
        [title] + details + [badge?.text].compactMap { $0 } + (table ?? []).flatMap { $0 } + [tableFooter].compactMap { $0 }
    }
}

/// A highlighted line on a node.
public struct Badge: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Rows/columns no window reaches (VALID or strided windows).
        case loss
        /// Rows/columns a window reaches completely.
        case lossless
        /// Zero padding added (SAME).
        case padding
        /// The ledger rejected this layer.
        case failure
        /// A value from a run (time share, verification).
        case measurement
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
