import Computation
import NetworkModel
import Tensors

/// A whole network whose convolutions run on one ladder step; every other op (pools,
/// concats, residual adds, the fully connected head) and any convolution the step cannot
/// compute run as the fast backend runs them. The Winograd step uses Winograd where the
/// fast backend does (`WinogradConvolution.applies`) and the threads step elsewhere, so
/// its forward pass is the fast backend's.
public struct LadderBackend: Backend {
    public let name: String
    public let step: LadderStep
    let convolutions: [String: LadderConvolution]
    let fast: FastBackend

    /// Prepares every convolution of `ledger` for `step` (`fast` computes the rest).
    public init(step: LadderStep, ledger: Ledger, weights: WeightSource, fast: FastBackend) throws {
        var convolutions: [String: LadderConvolution] = [:]
        for entry in ledger.entries {
            guard case .convolution = entry.layer.op, !(entry.window?.isDilated ?? false) else { continue }
            let layer = try LadderLayer(entry: entry, parameters: try LayerParameters(for: entry, from: weights))
            let chosen: LadderStep = step == .winograd && !layer.networkUsesWinograd ? .threads : step
            convolutions[entry.name] = LadderConvolution(chosen, layer: layer)
        }
        self.name = "ladder step \(step.rawValue)"
        self.step = step
        self.convolutions = convolutions
        self.fast = fast
    }

    public func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
        guard let convolution = convolutions[entry.name] else { return try fast.forward(entry, inputs: inputs) }
        guard inputs.map(\.shape) == entry.inputTensorShapes else {
            throw ComputationError.layerInputs(layer: entry.name, expected: entry.inputTensorShapes, found: inputs.map(\.shape))
        }
        return convolution.apply(inputs[0])
    }
}
