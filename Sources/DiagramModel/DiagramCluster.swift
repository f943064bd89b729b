/// A framed group of nodes: a block, or a branch inside one.
public struct DiagramCluster: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case block
        case branch
        case repeated
    }

    /// Unique id (Graphviz needs the `cluster_` prefix; DOTWriter adds it).
    public var id: String
    public var label: String
    public var kind: Kind
    /// Nodes directly inside, in order.
    public var nodeIDs: [String]
    public var children: [DiagramCluster]
    /// Set when a node inside holds the failing layer.
    public var isFailing: Bool
    /// Where the label sits: edges cross whatever side they enter or leave by.
    public var labelLocation: LabelLocation = .standard

    public enum LabelLocation: Sendable, Equatable {
        /// Branches at the top left, blocks at the bottom left (edges enter a lone block from the top).
        case standard
        /// Top right: a block with edges both in and out (the fully expanded network).
        case topRight
    }

    public init(id: String, label: String, kind: Kind, nodeIDs: [String] = [], children: [DiagramCluster] = [], isFailing: Bool = false) {
        self.id = id
        self.label = label
        self.kind = kind
        self.nodeIDs = nodeIDs
        self.children = children
        self.isFailing = isFailing
    }

    /// Node ids here and in nested clusters.
    public var allNodeIDs: [String] { nodeIDs + children.flatMap(\.allNodeIDs) }
}
