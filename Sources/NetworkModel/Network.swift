/// The whole network, declared once: every table, diagram and computation derives from it.
public struct Network: Sendable {
    public let configuration: NetworkConfiguration
    public let stages: [Stage]
    /// Every layer in execution order (inputs before the layers that read them).
    public let layers: [Layer]
    private let indexByName: [String: Int]

    /// Builds the network from its stages and applies the configuration's what-ifs: padding
    /// overrides, dilation rates and the final endpoint (`NetworkWhatIfs`). Throws
    /// `NetworkError.unknownLayer` / `.notWindowed` / `.invalidConfiguration` for a what-if
    /// that names no layer, a layer without a window, or a rate or endpoint TensorFlow refuses.
    public init(configuration: NetworkConfiguration, stages declared: [Stage]) throws {
        let all = declared.flatMap(\.layers)
        try NetworkWhatIfs.checkPaddingOverrides(configuration.paddingOverrides, in: all)
        try NetworkWhatIfs.checkDilations(configuration.dilations, in: all)
        let endpoint = try NetworkWhatIfs.endpoint(of: configuration, in: declared)
        self.configuration = configuration
        let changed = declared.map { NetworkWhatIfs.applyingOverrides(of: configuration, to: $0) }
        self.stages = endpoint.map { NetworkWhatIfs.stages(changed, through: $0) } ?? changed
        self.layers = stages.flatMap(\.layers)
        var index: [String: Int] = [:]
        for (position, layer) in layers.enumerated() {
            precondition(index[layer.name] == nil, "duplicate layer name \(layer.name)")
            for input in layer.inputs { precondition(index[input] != nil, "\(layer.name) reads \(input) before it exists") }
            index[layer.name] = position
        }
        self.indexByName = index
    }

    /// The layer called `name` exactly, or nil.
    public func layer(named name: String) -> Layer? {
        indexByName[name].map { layers[$0] }
    }

    /// Position of `name` in execution order.
    public func position(of name: String) -> Int? { indexByName[name] }

    /// The layer called `name`, or an error that suggests the nearest names.
    public func requireLayer(named name: String) throws -> Layer {
        if let layer = layer(named: name) { return layer }
        throw NetworkError.unknownLayer(name, suggestions: NameSuggestions.nearest(to: name, in: layers.map(\.name)))
    }

    /// All block instances, in order.
    public var blocks: [Block] {
        stages.flatMap { stage -> [Block] in
            switch stage {
            case .layer: []
            case .block(let block): [block]
            case .repeated(_, let blocks): blocks
            }
        }
    }

    /// The block called `name` (`Mixed_6a`, `Block17_4`), if any.
    public func block(named name: String) -> Block? { blocks.first { $0.name == name } }
}

/// Why a network cannot be declared or a name is not understood.
public enum NetworkError: Error, Equatable, CustomStringConvertible {
    case unknownLayer(String, suggestions: [String])
    case notWindowed(String, op: String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .unknownLayer(let name, let suggestions):
            let hint =
                suggestions.isEmpty ? "run 'explore table' for every layer name" : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            return "unknown layer '\(UserText.escaped(name))': \(hint)"
        case .notWindowed(let name, let op):
            return "layer '\(UserText.escaped(name))' is a \(op) with no window, so it has no padding to override"
        case .invalidConfiguration(let reason):
            return reason
        }
    }
}
