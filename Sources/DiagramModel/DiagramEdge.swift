/// An arrow between two nodes, labelled with the tensor it carries.
public struct DiagramEdge: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A tensor flowing to the next op.
        case data
        /// The residual shortcut: the block input skipping the branches to the add.
        case identity
        /// A run of repeated blocks: the output feeds the next instance.
        case repeats
    }

    public var from: String
    public var to: String
    /// The tensor shape (`17x17x320`), possibly with a word before it.
    public var label: String
    public var kind: Kind

    public init(from: String, to: String, label: String, kind: Kind = .data) {
        self.from = from
        self.to = to
        self.label = label
        self.kind = kind
    }
}
