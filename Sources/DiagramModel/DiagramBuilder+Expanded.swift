import NetworkModel

extension DiagramBuilder {
    /// One block op by op: branches as clusters, the concat as a table of channel
    /// slices, the up projection and the residual add.
    func expanded(block: Block, note: String?) -> Diagram {
        var parts = GraphParts()
        let input = blockInput(block)
        if let shape = source.shape(input) {
            parts.add(DiagramNode(id: input, title: input, details: ["block input", "out \(shape)"], style: .stub))
            addBlock(block, note: note, into: &parts)
        } else {
            let reason = source.failure.map { "\($0.layer) breaks the network first: \($0.reason)" } ?? "its input is missing"
            parts.add(DiagramNode(id: "unreached", title: "\(block.name) is never reached", details: [reason], style: .note))
        }
        return finish(parts, name: block.name, title: title("\(note.map { _ in block.kind.rawValue } ?? block.name) expanded"))
    }

    /// One instance standing for every block of `kind`; the note says which.
    func expanded(kind: BlockKind) -> Diagram {
        let blocks = network.blocks.filter { $0.kind == kind }
        let shown = blocks[0]
        let same = blocks.filter { $0.residual?.scale == shown.residual?.scale && $0.residual?.activation == shown.residual?.activation }
        var note = "showing \(shown.name); \(same.first!.name) .. \(same.last!.name) differ only in weights"
        if let other = blocks.first(where: { !same.contains($0) }), let residual = other.residual {
            note += "; \(other.name) has scale \(residual.scale), \(residual.activation == .relu ? "ReLU" : "no ReLU") (--expand \(other.name))"
        }
        return expanded(block: shown, note: note)
    }

    /// The whole network op by op: every block a cluster, every branch a cluster inside it.
    func expandedAll() -> Diagram {
        var parts = GraphParts()
        for stage in network.stages {
            switch stage {
            case .layer(let layer):
                guard source.isDrawable(layer.name) else { break }
                parts.add(layerNode(layer, title: layer.name, showOutput: false))
                connectInputs(of: layer, identityFrom: nil, into: &parts)
            case .block(let block):
                addBlock(block, note: nil, compact: true, into: &parts)
            case .repeated(_, let blocks):
                for block in blocks { addBlock(block, note: nil, compact: true, into: &parts) }
            }
        }
        return finish(parts, name: "all", title: title("every layer"))
    }

    // MARK: - Pieces

    /// The tensor every branch of `block` reads.
    func blockInput(_ block: Block) -> String { block.layers[0].inputs[0] }

    /// Adds `block`'s drawable layers as a cluster with one sub-cluster per branch.
    /// `compact`: among other blocks, titled by name only at the top right (the add
    /// or concat node already says scale, activation and shape).
    func addBlock(_ block: Block, note: String?, compact: Bool = false, into parts: inout GraphParts) {
        let input = blockInput(block)
        var branches: [String: DiagramCluster] = [:]
        var direct: [String] = []
        var failing = false
        for layer in block.layers where source.isDrawable(layer.name) {
            let node = opNode(layer, in: block)
            failing = failing || node.isFailing
            parts.add(node)
            connectInputs(of: layer, identityFrom: block.residual == nil ? nil : input, into: &parts)
            if let branch = layer.branch {
                branches[branch, default: DiagramCluster(id: "\(block.name)/\(branch)", label: branch, kind: .branch)].nodeIDs.append(node.id)
                if node.isFailing { branches[branch]!.isFailing = true }
            } else {
                direct.append(node.id)
            }
        }
        let children = block.branchNames.compactMap { branches[$0] }
        guard !children.isEmpty || !direct.isEmpty else { return }
        var cluster = DiagramCluster(
            id: block.name, label: compact ? block.name : blockLabel(block, note: note), kind: .block, nodeIDs: direct, children: children, isFailing: failing)
        if compact { cluster.labelLocation = .topRight }
        parts.clusters.append(cluster)
    }

    /// `Mixed_6a: 17x17x320 -> 8x8x1088` / `Block17_4 (4 of 20): scale 0.1, ReLU, 8x8x1088`.
    func blockLabel(_ block: Block, note: String?) -> String {
        let shapes = [source.shape(blockInput(block)), source.shape(block.name)].compactMap { $0 }.joined(separator: " -> ")
        var label: String
        if let residual = block.residual {
            let siblings = network.blocks.filter { $0.kind == block.kind }
            let position = (siblings.firstIndex(of: block) ?? 0) + 1
            let activation = residual.activation == .relu ? "ReLU" : "no ReLU"
            label = "\(block.name) (\(block.kind.rawValue) \(position) of \(siblings.count)): scale \(residual.scale), \(activation)"
            if !shapes.isEmpty { label += ", " + shapes }
        } else {
            label = block.name + (shapes.isEmpty ? "" : ": " + shapes)
        }
        if let note { label += "\n" + note }
        return label
    }

    /// A node for one layer of a block, as the expanded views draw it.
    func opNode(_ layer: Layer, in block: Block) -> DiagramNode {
        if case .concat = layer.op, let entry = source.entry(layer.name) {
            let header = ["branch", "from", "channels", "width"]
            let rows = entry.concatSlices.map { slice in
                [
                    slice.branch, network.layer(named: slice.source)?.shortName ?? slice.source,
                    "\(slice.channels.lowerBound)-\(slice.channels.upperBound - 1)", "\(slice.width)",
                ]
            }
            let title = layer.name == block.name ? "\(block.name): concat" : "concat"
            return DiagramNode(
                id: layer.name, title: title, details: ["out \(entry.output)"], table: [header] + rows,
                tableFooter: sliceSum(entry), style: .concat, layers: [layer.name])
        }
        var title = layer.shortName
        switch layer.op {
        case .residual: title = "add: \(block.name)"
        case .concat where layer.name == block.name: title = "\(block.name): concat"
        default: break
        }
        return layerNode(layer, title: title, showOutput: true)
    }

    /// Edges from each drawn input of `layer`; the input `identityFrom` of a residual op is the shortcut.
    func connectInputs(of layer: Layer, identityFrom shortcut: String?, into parts: inout GraphParts) {
        for input in layer.inputs where parts.has(input) {
            guard let shape = source.shape(input) else { continue }
            if case .residual = layer.op, input == shortcut {
                parts.connect(input, layer.name, label: "x = \(shape)", kind: .identity)
            } else if case .residual = layer.op {
                parts.connect(input, layer.name, label: "up \(shape)")
            } else {
                parts.connect(input, layer.name, label: shape)
            }
        }
    }
}
