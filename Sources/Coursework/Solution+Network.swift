import LedgerReports
import NetworkModel

extension Solution {
    static func solveShape(_ whatIf: WhatIf, _ layer: String) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard let entry = ledger.entry(layer) else { return nil }
        return Solution(
            prompt: "Take this network with \(whatIf.phrase). What is the output shape of `\(layer)`?",
            expected: .shape(entry.output.dims),
            reason: "the ledger (explore table \(whatIf.options)) gives \(WhatIfLedger.line(entry))",
            worked: ["explore table \(whatIf.options)"] + ledger.walk(upTo: layer))
    }

    static func solveBreak(_ whatIf: WhatIf) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard ledger.network != nil else { return nil }
        let point = ledger.breakPoint
        let reason = ledger.failure.map(\.description) ?? "every layer fits: the embedding is \(ledger.entries.last.map { "\($0.output)" } ?? "?")"
        return Solution(
            prompt: "Take this network with \(whatIf.phrase). Which is the first layer where it breaks, and why?",
            expected: .breakPoint(point), reason: reason,
            worked: ["explore table \(whatIf.options)"] + ledger.walk(upTo: nil) + [reason])
    }

    static func solveLayerField(_ whatIf: WhatIf, _ layer: String) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard let entry = ledger.entry(layer) else { return nil }
        var worked = ["receptive field r and jump j along the way (r += (k - 1) * j, then j *= s; a block keeps its widest branch):"]
        for step in ledger.entries where step.layer.block == nil || step.name == step.layer.block {
            worked.append("\(step.name): r = \(step.receptiveField), j = \(step.jump)")
            if step.name == layer { break }
        }
        if entry.layer.block != nil && entry.name != entry.layer.block {
            worked.append("\(entry.name): r = \(entry.receptiveField), j = \(entry.jump)")
        }
        return Solution(
            prompt: "In this network, how many input pixels (HxW) does one output pixel of `\(layer)` see: what is its receptive field?",
            expected: .size(entry.receptiveField),
            reason: "stacking the windows from the input up to \(layer) gives \(entry.receptiveField) (jump \(entry.jump))",
            worked: worked)
    }

    static func solvePorting(_ whatIf: WhatIf, _ layer: String) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard let entry = ledger.entry(layer), let window = entry.window, window.padding == .same,
            let geometry = WindowGeometry(input: entry.input.spatial, kernel: window.kernel, stride: window.stride, padding: .same)
        else { return nil }
        let pad = entry.pad
        let advice =
            pad.isSymmetric
            ? "symmetric: one padding argument (\(pad.top), \(pad.left)) per axis reproduces it"
            : "asymmetric: pad explicitly first (PyTorch F.pad order is left, right, top, bottom: \(pad.left), \(pad.right), \(pad.top), \(pad.bottom)), then slide with no padding"
        let spec = WindowSpec(input: entry.input.spatial, kernel: window.kernel, stride: window.stride, padding: .same)
        return Solution(
            prompt:
                "With \(whatIf.phrase), `\(layer)` is \(spec.phrase) over \(article(entry.input.spatial.height)) \(entry.input.spatial) map. You port it to a framework without TensorFlow's SAME, which takes explicit padding. What padding must it add on each side, and is a symmetric padding argument enough?",
            expected: .porting(pad), reason: advice,
            worked: PadReport.axisLines("rows", geometry.rows) + [""] + PadReport.axisLines("columns", geometry.columns) + ["", advice])
    }

    static func solveParameters(_ whatIf: WhatIf, _ layer: String) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard let entry = ledger.entry(layer), entry.parameterCount > 0 else { return nil }
        let worked =
            entry.weights.map { tensor in
                let role = tensor.name.split(separator: "/").suffix(tensor.role == .weights || tensor.role == .biases ? 1 : 2).joined(separator: "/")
                let product = tensor.shape.count > 1 ? "\(tensor.shape.map(String.init).joined(separator: " x ")) = " : ""
                return "\(role) \(tensor.shape): \(product)\(tensor.elementCount)"
            } + ["total: \(entry.parameterCount)"]
        return Solution(
            prompt: "How many parameters does `\(layer)` have? Count its weights, biases and batch-norm beta, moving mean and moving variance, as Keras does.",
            expected: .count(entry.parameterCount),
            reason: entry.weights.map { "\($0.elementCount)" }.joined(separator: " + ") + " = \(entry.parameterCount)",
            worked: worked)
    }

    static func solveMACs(_ whatIf: WhatIf, _ layer: String) -> Solution? {
        let ledger = WhatIfLedger.of(whatIf)
        guard let entry = ledger.entry(layer), entry.macs > 0 else { return nil }
        let factors: [Int]
        switch entry.layer.op {
        case .convolution:
            let kernel = entry.window?.kernel ?? Size2(1, 1)
            factors = [entry.output.spatial.height, entry.output.spatial.width, kernel.height, kernel.width, entry.input.channels, entry.output.channels]
        default:
            factors = [entry.input.channels, entry.output.channels]
        }
        let formula = factors.map(String.init).joined(separator: " x ") + " = \(entry.macs)"
        let what = factors.count == 6 ? "output H x W x kernel H x W x input channels x filters" : "inputs x outputs"
        return Solution(
            prompt: "With \(whatIf.phrase), how many multiply-adds does `\(layer)` do for one image?",
            expected: .count(entry.macs), reason: formula,
            worked: ["\(WhatIfLedger.line(entry))", "\(what):", formula])
    }

    static func solveStack(_ layers: [StackLayer]) -> Solution? {
        guard !layers.isEmpty else { return nil }
        var stages: [Stage] = [.layer(Layer(name: "inputs", op: .input(channels: 1), inputs: [], scope: "stack"))]
        for (index, layer) in layers.enumerated() {
            let window = Window(kernel: Size2(square: layer.kernel), stride: Size2(square: layer.stride), padding: .same)
            let op = Op.convolution(Convolution(filters: 1, window: window, batchNorm: false, bias: false, activation: .none))
            stages.append(.layer(Layer(name: "layer\(index + 1)", op: op, inputs: [index == 0 ? "inputs" : "layer\(index)"], scope: "stack")))
        }
        guard let network = try? Network(configuration: NetworkConfiguration(inputSize: 64), stages: stages),
            let ledger = try? Ledger(network: network), let last = ledger.entries.last
        else { return nil }
        var worked = ["r = 1, j = 1 at the input; each layer: r += (k - 1) * j, then j *= s"]
        var previous = (r: 1, j: 1)
        var terms = ["1"]
        for (layer, entry) in zip(layers, ledger.entries.dropFirst()) {
            terms.append("(\(layer.kernel) - 1) * \(previous.j)")
            worked.append(
                "k \(layer.kernel), s \(layer.stride): r = \(previous.r) + (\(layer.kernel) - 1) * \(previous.j) = \(entry.receptiveField.height), j = \(previous.j) * \(layer.stride) = \(entry.jump.height)"
            )
            previous = (entry.receptiveField.height, entry.jump.height)
        }
        let listed = layers.map { "\($0.kernel)x\($0.kernel) stride \($0.stride)" }.joined(separator: ", then ")
        return Solution(
            prompt:
                "Stack these SAME layers, first layer first: \(listed). How many input pixels (HxW) does one output pixel of the last layer see: what is its receptive field?",
            expected: .size(last.receptiveField), reason: "r = " + terms.joined(separator: " + ") + " = \(last.receptiveField.height)", worked: worked)
    }
}
