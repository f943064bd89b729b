import Computation
import GEMM
import NetworkModel
import Tensors

/// The optimised backend: convolutions and the fully connected layer on `FastGEMM`
/// with weights folded and packed at init (the 3x3 stride-1 convolutions that
/// `WinogradConvolution.applies(to:)` picks by Winograd's F(2x2, 3x3), the 1x7s and
/// 7x1s that `WinogradLineConvolution.axis(of:)` picks by F(2, 7)); pools, concat and
/// residual adds as straight vector loops.
///
/// It computes what `NaiveBackend` computes, up to float32 rounding (different
/// summation order, fused multiply-adds, folded batch norm).
public struct FastBackend: Backend {
    public let name = "fast"
    let layers: [String: FoldedLinear]
    /// The 3x3 stride-1 convolutions computed by Winograd's F(2x2, 3x3).
    let winograd: [String: WinogradConvolution]
    /// The 1x7 and 7x1 stride-1 convolutions computed by Winograd's F(2, 7).
    let lineWinograd: [String: WinogradLineConvolution]
    let gemm: FastGEMM

    /// Fetches, folds and packs every layer's variables up front, one layer at a time
    /// (so only the packed copy stays). Throws at the first missing or misshapen variable.
    public init(ledger: Ledger, weights: WeightSource, threads: Int = FastGEMM.defaultThreads) throws {
        var layers: [String: FoldedLinear] = [:]
        var winograd: [String: WinogradConvolution] = [:]
        var lineWinograd: [String: WinogradLineConvolution] = [:]
        for entry in ledger.entries where !entry.weights.isEmpty {
            let parameters = try LayerParameters(for: entry, from: weights)
            switch entry.layer.op {
            case .convolution(let conv):
                let folded = try FoldedLinear.Folded(
                    entry: entry, parameters: parameters, batchNorm: conv.batchNorm,
                    hasBias: conv.bias, activation: conv.activation)
                if WinogradConvolution.applies(to: entry) {
                    winograd[entry.name] = WinogradConvolution(folded, channels: entry.input.dims[2])
                } else if let axis = WinogradLineConvolution.axis(of: entry) {
                    lineWinograd[entry.name] = WinogradLineConvolution(folded, channels: entry.input.dims[2], axis: axis)
                } else {
                    layers[entry.name] = FoldedLinear(folded)
                }
            case .fullyConnected(let fc):
                layers[entry.name] = try FoldedLinear(
                    FoldedLinear.Folded(
                        entry: entry, parameters: parameters, batchNorm: fc.batchNorm,
                        hasBias: fc.bias, activation: fc.activation))
            default:
                continue
            }
        }
        self.layers = layers
        self.winograd = winograd
        self.lineWinograd = lineWinograd
        self.gemm = FastGEMM(threads: threads)
    }

    public func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
        try forwardCheckingFiniteness(entry, inputs: inputs).output
    }

    /// The GEMM paths, Winograd's output transform, the residual adds and the average
    /// pools look at each value as they write it (the interpreter then need not read the
    /// output again: that second read cost about 3% of a pass at 160, and 0.3 ms at 299
    /// for Conv2d_4a_3x3's Winograd output alone); the input, concat, flatten, dropout and
    /// max pools only copy values already checked. The L2 norm's output is left to the
    /// interpreter.
    public func forwardCheckingFiniteness(_ entry: LedgerEntry, inputs: [Tensor]) throws -> (output: Tensor, allFinite: Bool?) {
        let expected = entry.layer.inputs.isEmpty ? [entry.outputTensorShape] : entry.inputTensorShapes
        guard inputs.map(\.shape) == expected else {
            if case .input = entry.layer.op { throw ComputationError.inputShape(expected: expected[0], found: inputs.first?.shape ?? []) }
            throw ComputationError.layerInputs(layer: entry.name, expected: expected, found: inputs.map(\.shape))
        }
        let output: Tensor
        var allFinite: Bool? = nil
        switch entry.layer.op {
        case .input:
            output = inputs[0]
            allFinite = true
        case .convolution(let conv):
            if let winograd = winograd[entry.name] {
                (output, allFinite) = winograd.apply(inputs[0], pad: entry.pad, output: entry.output)
            } else if let line = lineWinograd[entry.name] {
                (output, allFinite) = line.apply(inputs[0], pad: entry.pad, output: entry.output)
            } else {
                (output, allFinite) = FastOps.convolution(
                    inputs[0], layer: try layer(entry), window: entry.window ?? conv.window,
                    pad: entry.pad, output: entry.output, gemm: gemm)
            }
        case .fullyConnected:
            (output, allFinite) = FastOps.fullyConnected(inputs[0], layer: try layer(entry), gemm: gemm)
        case .maxPool(let declared):
            (output, allFinite) = FastOps.pool(inputs[0], window: entry.window ?? declared, pad: entry.pad, output: entry.output, kind: .max)
        case .averagePool(let declared):
            (output, allFinite) = FastOps.pool(
                inputs[0], window: entry.window ?? declared, pad: entry.pad, output: entry.output, kind: .average)
        case .globalAveragePool:
            let map = entry.input.spatial
            (output, allFinite) = FastOps.pool(
                inputs[0], window: Window(kernel: map, stride: Size2(1, 1), padding: .valid), pad: .none,
                output: entry.output, kind: .average)
        case .concat:
            output = FastOps.concat(inputs)
            allFinite = true
        case .residual(let scale, let activation):
            (output, allFinite) = FastOps.residual(inputs[0], up: inputs[1], scale: scale, relu: activation == .relu)
        case .flatten:
            output = inputs[0].reshaped(entry.outputTensorShape)
            allFinite = true
        case .dropout:
            output = inputs[0]
            allFinite = true
        case .l2Normalize:
            output = Naive.l2Normalize(inputs[0])
        }
        guard output.shape == entry.outputTensorShape else {
            throw ComputationError.outputShape(layer: entry.name, expected: entry.outputTensorShape, found: output.shape, backend: name)
        }
        return (output, allFinite)
    }

    func layer(_ entry: LedgerEntry) throws -> FoldedLinear {
        guard let layer = layers[entry.name] else { throw ComputationError.missingParameters(layer: entry.name, variable: "weights") }
        return layer
    }
}
