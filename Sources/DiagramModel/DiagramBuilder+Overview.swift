import NetworkModel

extension DiagramBuilder {
    /// The whole network with every block folded: stem layers, Mixed blocks, each
    /// run of repeated blocks drawn once, the final Block8, the head.
    public func overview() -> Diagram {
        var parts = GraphParts()
        // The node whose output feeds the next stage, and the layer holding that output.
        var previous: (node: String, layer: String)? = nil

        func link(to node: String) {
            guard let previous, let shape = source.shape(previous.layer) else { return }
            parts.connect(previous.node, node, label: shape)
        }

        for stage in network.stages {
            guard stage.layers.contains(where: { source.isDrawable($0.name) }) else { break }
            switch stage {
            case .layer(let layer):
                parts.add(layerNode(layer, title: layer.name))
                link(to: layer.name)
                previous = (layer.name, layer.name)
            case .block(let block) where block.residual == nil:
                parts.add(mixedNode(block))
                link(to: block.name)
                previous = (block.name, block.name)
            case .block(let block):
                previous = residualRun([block], after: previous, into: &parts)
            case .repeated(_, let blocks):
                if blocks.first?.residual != nil {
                    previous = residualRun(blocks, after: previous, into: &parts)
                } else {
                    for block in blocks {
                        parts.add(mixedNode(block))
                        link(to: block.name)
                        previous = (block.name, block.name)
                    }
                }
            }
        }
        if let last = previous, let shape = source.shape(last.layer), var node = parts.nodes.last, node.id == last.node {
            node.details.append("out \(shape)")
            parts.nodes[parts.nodes.count - 1] = node
        }
        var diagram = finish(parts, name: "overview", title: title("overview"))
        diagram.legendPlacement = .besideTitle
        return diagram
    }

    // MARK: - Nodes

    /// A single layer (stem, head, or an op inside an expanded block).
    func layerNode(_ layer: Layer, title: String, showOutput: Bool = false) -> DiagramNode {
        var details = [OpText.operation(layer.op)]
        if let extras = OpText.extras(layer.op) { details.append(extras) }
        var badge: Badge? = nil
        let entry = source.entry(layer.name)
        if let entry {
            if case .globalAveragePool = layer.op, let window = entry.window { details[0] = "avg pool \(window.kernel) (the whole map), VALID" }
            if case .input = layer.op { details = ["image \(entry.output)"] }
            badge = OpText.badge(for: entry)
            if case .globalAveragePool = layer.op { badge = nil }
            if showOutput { details.append("out \(entry.output)") }
        }
        var node = DiagramNode(
            id: layer.name, title: title, details: details + overrideLines([layer], inBlock: false), badge: badge, style: style(of: layer), layers: [layer.name]
        )
        markFailure(&node, layers: [layer])
        return node
    }

    /// A Mixed block as one node: its branches and how the concat adds up.
    func mixedNode(_ block: Block) -> DiagramNode {
        var details = ["\(block.branchNames.count) branches, concat"]
        if let concat = source.entry(block.name) {
            details = ["\(block.branchNames.count) branches: " + sliceSum(concat)]
        }
        let entries = block.layers.compactMap { source.entry($0.name) }
        var node = DiagramNode(
            id: block.name, title: block.name, details: details + overrideLines(block.layers, inBlock: true), badge: OpText.blockBadge(entries),
            style: .mixedBlock, layers: block.layers.map(\.name))
        markFailure(&node, layers: block.layers)
        return node
    }

    /// `96 + 64 + 96 + 64 = 320`.
    func sliceSum(_ concat: LedgerEntry) -> String {
        concat.concatSlices.map { "\($0.width)" }.joined(separator: " + ") + " = \(concat.output.channels)"
    }

    /// A run of residual blocks (or one): a body node (branches, concat, up), an add node,
    /// the shortcut from the run's input to the add, and a loop back for a run of several.
    func residualRun(_ blocks: [Block], after previous: (node: String, layer: String)?, into parts: inout GraphParts) -> (node: String, layer: String)? {
        let first = blocks[0]
        let last = blocks[blocks.count - 1]
        let residual = first.residual!
        let kind = first.kind.rawValue
        let repeated = blocks.count > 1
        let bodyID = repeated ? "\(kind) x\(blocks.count)" : "\(first.name)/body"
        let addID = repeated ? "\(kind) x\(blocks.count)/add" : first.name
        let activation = residual.activation == .relu ? "ReLU" : "no ReLU"
        // The title lives on the body node: as a cluster label, edges in and out crossed it.
        let clusterLabel =
            repeated
            ? "\(kind) x\(blocks.count) (scale \(residual.scale), \(activation))"
            : "\(first.name) (final: scale \(residual.scale), \(activation))"

        let inner = blocks.flatMap { $0.layers.dropLast() }
        var details = [repeated ? "\(first.name) .. \(last.name)" : "branches, concat, 1x1 up"]
        if let concat = source.entry(first.layers[first.layers.count - 3].name) {
            details.append("\(first.branchNames.count) branches: " + sliceSum(concat))
        }
        if case .convolution(let up) = first.layers[first.layers.count - 2].op {
            details.append("1x1 up to \(up.filters), bias")
        }
        var body = DiagramNode(
            id: bodyID, title: clusterLabel,
            details: details + overrideLines(inner, inBlock: true), badge: OpText.blockBadge(inner.compactMap { source.entry($0.name) }),
            style: .residualBody, layers: inner.map(\.name))
        markFailure(&body, layers: inner)
        parts.add(body)
        if let previous, let shape = source.shape(previous.layer) { parts.connect(previous.node, bodyID, label: shape) }

        let sums = blocks.map(\.output)
        guard sums.contains(where: { source.isDrawable($0.name) }) else {
            parts.clusters.append(DiagramCluster(id: bodyID, label: "", kind: repeated ? .repeated : .block, nodeIDs: [bodyID], isFailing: body.isFailing))
            return nil
        }
        // A what-if that breaks inside the run: the add stands for the instances that ran.
        let ran = sums.filter { source.entry($0.name) != nil }
        let lastRan = ran.count < sums.count ? ran.last ?? first.output : last.output
        var add = DiagramNode(
            id: addID, title: repeated ? "add: \(first.name) .. \(lastRan.name)" : "add: \(first.name)",
            details: [OpText.operation(first.output.op)], style: .residualAdd, layers: sums.map(\.name))
        if repeated && ran.count < sums.count, let broken = blocks.first(where: { source.entry($0.name) == nil }) {
            add.details.append("\(broken.name) breaks: not reached beyond")
        }
        markFailure(&add, layers: sums)
        parts.add(add)
        let upName = last.layers[last.layers.count - 2].name
        if let shape = source.shape(upName) ?? source.shape(first.layers[first.layers.count - 2].name) {
            parts.connect(bodyID, addID, label: "up \(shape)")
        }
        if let previous, let shape = source.shape(previous.layer) { parts.connect(previous.node, addID, label: "x = \(shape)", kind: .identity) }
        if repeated, let shape = source.shape(first.name) {
            parts.connect(addID, bodyID, label: "x\(blocks.count - 1) more: \(shape)", kind: .repeats)
        }
        parts.clusters.append(
            DiagramCluster(id: bodyID, label: "", kind: repeated ? .repeated : .block, nodeIDs: [bodyID, addID], isFailing: body.isFailing || add.isFailing))
        return (addID, last.name)
    }

    // MARK: - Helpers

    /// `what-if: padding SAME` for a layer whose padding the configuration overrides
    /// (`what-if: Branch_0/Conv2d_1a_3x3 SAME` inside a block drawn as one node).
    func overrideLines(_ layers: [Layer], inBlock: Bool) -> [String] {
        let overrides = network.configuration.paddingOverrides
        return layers.compactMap { layer in
            guard let padding = overrides[layer.name] else { return nil }
            guard inBlock else { return "what-if: padding \(padding.rawValue)" }
            let inside = layer.block.map { layer.name.hasPrefix($0 + "/") ? String(layer.name.dropFirst($0.count + 1)) : layer.name } ?? layer.name
            return "what-if: \(inside) \(padding.rawValue)"
        }
    }

    /// Marks `node` as failing when one of `layers` is the layer the ledger rejected.
    func markFailure(_ node: inout DiagramNode, layers: [Layer]) {
        guard let failure = source.failure, let failing = layers.first(where: { $0.name == failure.layer }) else { return }
        node.isFailing = true
        let prefix = failing.name == node.id ? "" : "\(failing.name): "
        // One line per listed item: the reason alone can be wider than the whole overview.
        var lines: [String]
        let parts = failure.reason.split(separator: ": ", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            lines = ["\(prefix)BREAKS: \(parts[0]):"] + parts[1].split(separator: ", ").map(String.init)
        } else {
            lines = ["\(prefix)BREAKS: \(failure.reason)"]
        }
        let inputs = failure.inputShapes.map(\.description)
        if let first = inputs.first, !failure.reason.contains(first) {
            lines.append("input " + inputs.joined(separator: ", "))
        }
        node.badge = Badge(.failure, lines.joined(separator: "\n"))
    }

    func style(of layer: Layer) -> NodeStyle {
        switch layer.op {
        case .input: .input
        case .convolution(let conv): conv.activation == .none && conv.bias ? .upProjection : .convolution
        case .maxPool: .maxPool
        case .averagePool, .globalAveragePool: .averagePool
        case .concat: .concat
        case .residual: .residualAdd
        case .fullyConnected: .fullyConnected
        case .l2Normalize: .normalize
        case .flatten, .dropout: .reshape
        }
    }
}
