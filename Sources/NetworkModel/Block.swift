/// The families of blocks the network is built from.
public enum BlockKind: String, Sendable, Hashable {
    case mixed = "Mixed"
    case block35 = "Block35"
    case block17 = "Block17"
    case block8 = "Block8"
}

/// One block instance: its layers in execution order, the last one being its output,
/// which carries the block's own name (`Mixed_6a`, `Block17_4`).
public struct Block: Hashable, Sendable {
    public let name: String
    public let kind: BlockKind
    public let layers: [Layer]

    public init(name: String, kind: BlockKind, layers: [Layer]) {
        precondition(layers.last?.name == name, "a block's last layer is its output and carries its name")
        self.name = name
        self.kind = kind
        self.layers = layers
    }

    public var output: Layer { layers[layers.count - 1] }

    /// The residual op closing a Block35/17/8, nil for a Mixed block.
    public var residual: (scale: Float, activation: Activation)? {
        if case .residual(let scale, let activation) = output.op { return (scale, activation) }
        return nil
    }

    /// Branch names in order (`Branch_0`, `Branch_1`, ...).
    public var branchNames: [String] {
        var seen: [String] = []
        for layer in layers { if let branch = layer.branch, !seen.contains(branch) { seen.append(branch) } }
        return seen
    }

    func mapLayers(_ transform: (Layer) -> Layer) -> Block {
        Block(name: name, kind: kind, layers: layers.map(transform))
    }
}

/// A top-level piece of the network, as the source table and the diagrams group it.
public enum Stage: Hashable, Sendable {
    /// A stem or head layer on its own.
    case layer(Layer)
    /// A block used once (Mixed_5b, Mixed_6a, Mixed_7a, the final Block8).
    case block(Block)
    /// A repeated block (`slim.repeat`): shown once with its count, every instance named.
    case repeated(kind: BlockKind, blocks: [Block])

    /// All layers of the stage in execution order.
    public var layers: [Layer] {
        switch self {
        case .layer(let layer): [layer]
        case .block(let block): block.layers
        case .repeated(_, let blocks): blocks.flatMap(\.layers)
        }
    }

    /// `Conv2d_1a_3x3`, `Mixed_6a`, `Block17 x20`.
    public var title: String {
        switch self {
        case .layer(let layer): layer.name
        case .block(let block): block.name
        case .repeated(let kind, let blocks): "\(kind.rawValue) x\(blocks.count)"
        }
    }

    func mapLayers(_ transform: (Layer) -> Layer) -> Stage {
        switch self {
        case .layer(let layer): .layer(transform(layer))
        case .block(let block): .block(block.mapLayers(transform))
        case .repeated(let kind, let blocks): .repeated(kind: kind, blocks: blocks.map { $0.mapLayers(transform) })
        }
    }
}
