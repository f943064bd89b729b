/// The what-ifs a configuration applies to the declared stages: per-layer padding and
/// dilation overrides, and TF-Slim's `final_endpoint` (where the network stops).
enum NetworkWhatIfs {
    /// TF-Slim's name for the output of the last Block17.
    static let preAuxLogits = "PreAuxLogits"
    /// The layer TF-Slim's PreAuxLogits is, and the last one it builds at output stride 8.
    static let preAuxLogitsLayer = "Block17_20"

    /// Every override names a layer with a window.
    static func checkPaddingOverrides(_ overrides: [String: Padding], in layers: [Layer]) throws {
        for name in overrides.keys.sorted() {
            let layer = try find(name, in: layers)
            guard layer.op.window != nil else { throw NetworkError.notWindowed(name, op: layer.op.kind) }
        }
    }

    /// Every rate is in range and dilates a convolution that TensorFlow can dilate (stride 1).
    static func checkDilations(_ dilations: [String: Int], in layers: [Layer]) throws {
        let largest = NetworkConfiguration.largestDilation
        for (name, rate) in dilations.sorted(by: { $0.key < $1.key }) {
            let layer = try find(name, in: layers)
            guard case .convolution(let conv) = layer.op else {
                throw NetworkError.invalidConfiguration(
                    "layer '\(name)' is a \(layer.op.kind): only convolutions take a dilation rate (TF-Slim's pools have none)")
            }
            guard (1...largest).contains(rate) else {
                throw NetworkError.invalidConfiguration("dilation rate \(rate) for '\(name)' is out of range: give 1 to \(largest), e.g. --dilation \(name)=2")
            }
            guard rate == 1 || conv.window.stride == Size2(1, 1) else {
                throw NetworkError.invalidConfiguration(
                    "layer '\(name)' has stride \(conv.window.stride.height): TensorFlow dilates only stride-1 convolutions")
            }
        }
    }

    /// The stages with the layer overrides applied (padding first, then the dilation rate).
    static func applyingOverrides(of configuration: NetworkConfiguration, to stage: Stage) -> Stage {
        stage.mapLayers { layer in
            var op = layer.op
            if let padding = configuration.paddingOverrides[layer.name] { op = op.withPadding(padding) }
            if let rate = configuration.dilations[layer.name] { op = op.withDilation(rate) }
            return op == layer.op ? layer : layer.replacingOp(op)
        }
    }

    /// The layer the network ends at, nil for the whole network: the configured endpoint
    /// (`PreAuxLogits` being `Block17_20`), or Block17_20 at output stride 8.
    static func endpoint(of configuration: NetworkConfiguration, in stages: [Stage]) throws -> String? {
        let atrous = configuration.outputStride == 8
        let layers = stages.flatMap(\.layers)
        let hasPreAuxLogits = layers.contains { $0.name == preAuxLogitsLayer }
        guard let asked = configuration.finalEndpoint else { return atrous && hasPreAuxLogits ? preAuxLogitsLayer : nil }
        let name = asked == preAuxLogits ? preAuxLogitsLayer : asked
        let layer = try find(name, in: layers)
        let endpoints = stages.flatMap { stage -> [String] in
            switch stage {
            case .layer(let layer): [layer.name]
            case .block(let block): [block.name]
            case .repeated(_, let blocks): blocks.map(\.name)
            }
        }
        guard endpoints.contains(name) else {
            let block = layer.block.map { ", e.g. '\($0)', the block it is in" } ?? ""
            throw NetworkError.invalidConfiguration(
                "'\(name)' is inside a block: the network can stop after a stem or head layer or a whole block (TF-Slim's end points)\(block)")
        }
        if atrous, let position = endpoints.firstIndex(of: name), let limit = endpoints.firstIndex(of: preAuxLogitsLayer), position > limit {
            throw NetworkError.invalidConfiguration(
                "output stride 8 goes up to \(preAuxLogitsLayer) (TF-Slim's \(preAuxLogits)) and no further: '\(name)' comes after it")
        }
        return name
    }

    /// The stages up to and including the stage layer or block `endpoint`.
    static func stages(_ stages: [Stage], through endpoint: String) -> [Stage] {
        var kept: [Stage] = []
        for stage in stages {
            switch stage {
            case .layer(let layer):
                kept.append(stage)
                if layer.name == endpoint { return kept }
            case .block(let block):
                kept.append(stage)
                if block.name == endpoint { return kept }
            case .repeated(let kind, let blocks):
                if let last = blocks.firstIndex(where: { $0.name == endpoint }) {
                    kept.append(.repeated(kind: kind, blocks: Array(blocks[...last])))
                    return kept
                }
                kept.append(stage)
            }
        }
        return kept
    }

    private static func find(_ name: String, in layers: [Layer]) throws -> Layer {
        guard let layer = layers.first(where: { $0.name == name }) else {
            throw NetworkError.unknownLayer(name, suggestions: NameSuggestions.nearest(to: name, in: layers.map(\.name)))
        }
        return layer
    }
}
