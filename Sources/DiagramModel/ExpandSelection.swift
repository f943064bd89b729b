import NetworkModel

/// What `--expand` draws op by op.
public enum ExpandSelection: Sendable, Equatable {
    /// One block instance (`Mixed_6a`, `Block17_4`, `Block8_10`).
    case block(String)
    /// A kind of repeated block (`Block17`): one instance stands for all.
    case kind(BlockKind)
    /// Every layer of the network.
    case all

    /// Parses `Mixed_6a`, `Block17_4`, `Block17` or `all` against `network`'s blocks.
    public static func parse(_ text: String, in network: Network) throws(DiagramError) -> ExpandSelection {
        if text.lowercased() == "all" { return .all }
        if network.block(named: text) != nil { return .block(text) }
        if let kind = BlockKind(rawValue: text), kind != .mixed { return .kind(kind) }
        if let layer = network.layer(named: text) {
            throw .notABlock(text, containingBlock: layer.block)
        }
        let candidates = ["all"] + [BlockKind.block35, .block17, .block8].map(\.rawValue) + network.blocks.map(\.name)
        throw .unknownBlock(text, suggestions: NameSuggestions.nearest(to: text, in: candidates))
    }

    /// A file-name friendly word: `Mixed_6a`, `Block17`, `all`.
    public var slug: String {
        switch self {
        case .block(let name): name
        case .kind(let kind): kind.rawValue
        case .all: "all"
        }
    }
}

/// Why a diagram cannot be built as asked.
public enum DiagramError: Error, Equatable, CustomStringConvertible {
    case unknownBlock(String, suggestions: [String])
    case notABlock(String, containingBlock: String?)

    public var description: String {
        let forms = "--expand takes a block (Mixed_5b, Block35_3, Mixed_6a, Block17_4, Mixed_7a, Block8_10), a kind (Block35, Block17, Block8) or all"
        switch self {
        case .unknownBlock(let name, let suggestions):
            let hint = suggestions.isEmpty ? forms : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "? (\(forms))"
            return "unknown block '\(name)': \(hint)"
        case .notABlock(let name, let block):
            if let block { return "'\(name)' is a layer inside \(block): try --expand \(block)" }
            return "'\(name)' is a single layer, not a block: it is drawn in the overview; \(forms)"
        }
    }
}
