import NetworkModel

/// Builds diagrams from the network declaration and its ledger.
///
/// Deterministic: the same source and options give the same diagram, node for
/// node, in declaration order.
public struct DiagramBuilder: Sendable {
    public let source: DiagramSource
    public let shading: Shading

    public init(source: DiagramSource, shading: Shading = .opKind) {
        self.source = source
        self.shading = shading
    }

    var network: Network { source.network }

    /// The diagram for `selection`, or the overview when it is nil.
    public func diagram(expanding selection: ExpandSelection?) -> Diagram {
        guard let selection else { return overview() }
        switch selection {
        case .all: return expandedAll()
        case .block(let name): return expanded(block: network.block(named: name)!, note: nil)
        case .kind(let kind): return expanded(kind: kind)
        }
    }

    // MARK: - Titles and finishing

    /// `FaceNet Inception-ResNet-v2: input 160x160x3, bottleneck 1024` plus what-if lines.
    func title(_ view: String) -> [String] {
        let config = network.configuration
        var lines = ["FaceNet Inception-ResNet-v2: \(view)", "input \(config.inputDescription)x3, bottleneck \(config.bottleneck)"]
        let overrides = config.paddingOverrides.sorted { $0.key < $1.key }
        if !overrides.isEmpty {
            lines.append("what-if: " + overrides.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ", "))
        }
        if config.input != Size2(square: NetworkConfiguration.defaultInputSize) && overrides.isEmpty {
            lines.append("what-if: input size \(config.input.compactDescription) (FaceNet uses \(NetworkConfiguration.defaultInputSize))")
        }
        lines += config.structurePhrases.map { "what-if: " + $0 }
        if let failure = source.failure {
            lines.append("BREAKS at \(failure.layer): \(failure.reason); drawn up to that layer")
        }
        return lines
    }

    /// Applies the shading and the legend.
    func finish(_ parts: GraphParts, name: String, title: [String]) -> Diagram {
        var nodes = parts.nodes
        let maximum = nodes.map { shading.timeShare(layers: $0.layers) }.max() ?? 0
        for index in nodes.indices where !nodes[index].layers.isEmpty {
            if let shade = shading.shade(layers: nodes[index].layers, maximum: maximum) {
                nodes[index].fill = shade.fill
                nodes[index].details.append(shade.line)
            }
        }
        let diagram = Diagram(name: name, title: title, nodes: nodes, edges: parts.edges, clusters: parts.clusters)
        return withLegend(diagram)
    }

    func withLegend(_ diagram: Diagram) -> Diagram {
        var diagram = diagram
        let swatches: [(fill: String, text: String)]
        switch shading {
        case .opKind:
            let used = Set(diagram.nodes.map(\.style))
            swatches = NodeStyle.allCases.filter { used.contains($0) && $0 != .note }.map { ($0.fill, $0.meaning) }
        case .timeShare:
            swatches = [(Shading.heat(0), "no time"), (Shading.heat(0.5), "half the slowest node's time"), (Shading.heat(1), "the slowest node")]
        case .verification:
            swatches = [(Shading.pass, "agrees with the golden tensor"), (Shading.fail, "disagrees"), ("#eeeeee", "not checked")]
        }
        var notes = ["edge label: tensor shape HxWxC (batch 1, NHWC)"]
        if case .timeShare = shading { notes.append("time: the node's share of the whole forward pass") }
        if case .verification = shading { notes.append("verify: layers within the golden tolerance / layers checked") }
        if diagram.edges.contains(where: { $0.kind == .identity }) { notes.append("dashed edge: residual shortcut (block input to the add)") }
        if diagram.edges.contains(where: { $0.kind == .repeats }) { notes.append("dotted edge: each block's output feeds the next one") }
        let badges = diagram.nodes.compactMap(\.badge)
        if badges.contains(where: { $0.kind == .loss }) { notes.append("red: rows/cols no window reaches (0-based, at the bottom/right)") }
        if badges.contains(where: { $0.kind == .lossless }) { notes.append("green: VALID/strided windows that reach every pixel") }
        if badges.contains(where: { $0.kind == .padding }) { notes.append("blue: zero padding SAME adds, per side") }
        if diagram.nodes.contains(where: \.isFailing) { notes.append("red frame: the layer whose shapes do not fit") }
        diagram.legend = Legend(swatches: swatches, notes: notes)
        return diagram
    }
}

/// Nodes, edges and clusters being collected.
struct GraphParts {
    var nodes: [DiagramNode] = []
    var edges: [DiagramEdge] = []
    var clusters: [DiagramCluster] = []
    private var ids: Set<String> = []

    mutating func add(_ node: DiagramNode) {
        precondition(!ids.contains(node.id), "duplicate node \(node.id)")
        ids.insert(node.id)
        nodes.append(node)
    }

    func has(_ id: String) -> Bool { ids.contains(id) }

    mutating func connect(_ from: String, _ to: String, label: String, kind: DiagramEdge.Kind = .data) {
        edges.append(DiagramEdge(from: from, to: to, label: label, kind: kind))
    }
}
