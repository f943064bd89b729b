import NetworkModel
import Tensors

/// The reference backend: every layer through the `Naive` ops, one stage at a time.
public struct NaiveBackend: Backend {
    public let name = "naive"
    /// Parameters by layer name, fetched and shape-checked at init.
    public let parameters: [String: LayerParameters]

    /// Fetches every variable of `ledger.weights` from `weights` up front, so a missing
    /// tensor or a wrong shape stops before anything runs.
    public init(ledger: Ledger, weights: WeightSource) throws {
        parameters = try LayerParameters.load(ledger, from: weights)
    }

    public func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
        try subSteps(entry, inputs: inputs).last!.output
    }

    /// The layer's stages in order, each with its output; the last one is the layer's output.
    ///
    /// - Parameters:
    ///   - entry: the layer
    ///   - inputs: its inputs in `entry.layer.inputs` order (`[image]` for the input layer)
    /// - Returns: at least one stage; a branch convolution gives `conv2d`, `batch norm`, `relu`
    public func subSteps(_ entry: LedgerEntry, inputs: [Tensor]) throws -> [SubStep] {
        let expected = entry.layer.inputs.isEmpty ? [entry.outputTensorShape] : entry.inputTensorShapes
        guard inputs.map(\.shape) == expected else {
            if case .input = entry.layer.op { throw ComputationError.inputShape(expected: expected[0], found: inputs.first?.shape ?? []) }
            throw ComputationError.layerInputs(layer: entry.name, expected: expected, found: inputs.map(\.shape))
        }
        var steps: [SubStep] = []
        func add(_ name: String, _ tensor: Tensor) { steps.append(SubStep(name: name, output: tensor)) }

        switch entry.layer.op {
        case .input:
            add("input", inputs[0])
        case .convolution(let conv):
            let parameters = try self.parameters(of: entry)
            // The geometry actually slid (padding overrides are already in the op).
            let window = entry.window ?? conv.window
            add(
                "conv2d",
                Naive.conv2d(
                    inputs[0], weights: try parameters.require(\.weights, "weights", of: entry), stride: window.stride, padding: window.padding,
                    dilation: window.dilation))
            try addLinearTail(bias: conv.bias, batchNorm: conv.batchNorm, activation: conv.activation, parameters, of: entry, to: &steps)
        case .maxPool(let declared):
            let window = entry.window ?? declared
            add("max pool", Naive.maxPool(inputs[0], kernel: window.kernel, stride: window.stride, padding: window.padding))
        case .averagePool(let declared):
            let window = entry.window ?? declared
            add("average pool", Naive.averagePool(inputs[0], kernel: window.kernel, stride: window.stride, padding: window.padding))
        case .globalAveragePool:
            add("global average pool", Naive.globalAveragePool(inputs[0]))
        case .concat:
            add("concat", Naive.concat(inputs))
        case .residual(let scale, let activation):
            // Shown in two stages: the scaled sum, then the activation.
            let sum = Naive.residual(inputs[0], up: inputs[1], scale: scale, activation: .none)
            add("x + \(scale) * up", sum)
            if activation == .relu { add("relu", Naive.relu(sum)) }
        case .flatten:
            add("flatten", Naive.flatten(inputs[0]))
        case .dropout:
            add("dropout (identity)", Naive.dropout(inputs[0]))
        case .fullyConnected(let fc):
            let parameters = try self.parameters(of: entry)
            add("fully connected", Naive.fullyConnected(inputs[0], weights: try parameters.require(\.weights, "weights", of: entry)))
            try addLinearTail(bias: fc.bias, batchNorm: fc.batchNorm, activation: fc.activation, parameters, of: entry, to: &steps)
        case .l2Normalize:
            add("l2 normalise", Naive.l2Normalize(inputs[0]))
        }

        let output = steps.last!.output
        guard output.shape == entry.outputTensorShape else {
            throw ComputationError.outputShape(layer: entry.name, expected: entry.outputTensorShape, found: output.shape, backend: name)
        }
        return steps
    }

    private func parameters(of entry: LedgerEntry) throws -> LayerParameters {
        guard let parameters = parameters[entry.name] else {
            throw ComputationError.missingParameters(layer: entry.name, variable: "weights")
        }
        return parameters
    }

    /// What follows a convolution or a fully connected layer, each a stage of its own:
    /// bias, then batch norm, then ReLU, as the layer declares them.
    private func addLinearTail(
        bias: Bool, batchNorm hasBatchNorm: Bool, activation: Activation,
        _ parameters: LayerParameters, of entry: LedgerEntry, to steps: inout [SubStep]
    ) throws {
        var y = steps[steps.count - 1].output
        if bias {
            y = Naive.addBias(y, bias: try parameters.require(\.biases, "biases", of: entry))
            steps.append(SubStep(name: "bias", output: y))
        }
        if hasBatchNorm {
            y = try batchNorm(y, parameters, of: entry)
            steps.append(SubStep(name: "batch norm", output: y))
        }
        if activation == .relu {
            steps.append(SubStep(name: "relu", output: Naive.relu(y)))
        }
    }

    private func batchNorm(_ x: Tensor, _ parameters: LayerParameters, of entry: LedgerEntry) throws -> Tensor {
        Naive.batchNorm(
            x,
            beta: try parameters.require(\.beta, "BatchNorm/beta", of: entry),
            mean: try parameters.require(\.movingMean, "BatchNorm/moving_mean", of: entry),
            variance: try parameters.require(\.movingVariance, "BatchNorm/moving_variance", of: entry)
        )
    }
}
