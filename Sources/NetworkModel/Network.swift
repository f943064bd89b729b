/// The whole network, declared once: every table, diagram and computation derives from it.
public struct Network: Sendable {
    public let configuration: NetworkConfiguration
    public let stages: [Stage]
    /// Every layer in execution order (inputs before the layers that read them).
    public let layers: [Layer]
    private let indexByName: [String: Int]

    /// Builds the network from its stages and applies the configuration's padding overrides.
    /// Throws `NetworkError.unknownLayer` / `.notWindowed` for an override that names
    /// no layer or a layer without a window.
    public init(configuration: NetworkConfiguration, stages declared: [Stage]) throws {
        let all = declared.flatMap(\.layers)
        let names = all.map(\.name)
        for (name, _) in configuration.paddingOverrides.sorted(by: { $0.key < $1.key }) {
            guard let layer = all.first(where: { $0.name == name }) else {
                throw NetworkError.unknownLayer(name, suggestions: NameSuggestions.nearest(to: name, in: names))
            }
            guard layer.op.window != nil else {
                throw NetworkError.notWindowed(name, op: layer.op.kind)
            }
        }
        let overrides = configuration.paddingOverrides
        self.configuration = configuration
        self.stages = declared.map { stage in
            stage.mapLayers { layer in overrides[layer.name].map { layer.replacingOp(layer.op.withPadding($0)) } ?? layer }
        }
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
            let hint = suggestions.isEmpty ? "run 'explore table' for every layer name" : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            return "unknown layer '\(UserText.escaped(name))': \(hint)"
        case .notWindowed(let name, let op):
            return "layer '\(UserText.escaped(name))' is a \(op) with no window, so it has no padding to override"
        case .invalidConfiguration(let reason):
            return reason
        }
    }
}
