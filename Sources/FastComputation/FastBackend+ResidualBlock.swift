import Computation
import GEMM
import NetworkModel
import Tensors

extension FastBackend {
    /// A residual block's up projection and its add in one multiply: the add is done in
    /// the GEMM's write-out (`ResidualAdd`), so the up projection's map is never written
    /// and read back, and the add is not a pass of its own. Only for an up projection the
    /// GEMM reads in place (a 1x1 stride-1 convolution, no ReLU of its own: every block's
    /// in this network); nil for any other.
    ///
    /// With `overwritingShortcut`, the output is written over the shortcut, in place.
    /// Given a concat's inputs, the multiply packs its A from them (`ChannelPieces`).
    public func forwardResidualBlock(
        upProjection: LedgerEntry, residual: LedgerEntry, input: [Tensor], shortcut: inout Tensor, overwritingShortcut: Bool
    ) throws -> (output: Tensor, allFinite: Bool?)? {
        guard case .residual(let scale, let activation) = residual.layer.op, path(of: upProjection) == .direct else { return nil }
        let expected = upProjection.inputTensorShapes[0]
        guard !input.isEmpty,
            input.allSatisfy({ $0.shape.count == 4 && $0.shape.dropLast() == expected.dropLast() && $0.shape[3] > 0 }),
            input.reduce(0, { $0 + $1.shape[3] }) == expected[3]
        else {
            throw ComputationError.layerInputs(layer: upProjection.name, expected: upProjection.inputTensorShapes, found: input.map(\.shape))
        }
        guard residual.inputTensorShapes == [shortcut.shape, upProjection.outputTensorShape] else {
            throw ComputationError.layerInputs(
                layer: residual.name, expected: residual.inputTensorShapes, found: [shortcut.shape, upProjection.outputTensorShape])
        }
        let layer = try layer(upProjection)
        guard !layer.relu else { return nil }
        if overwritingShortcut {
            let allFinite = FastOps.residualBlock(
                input, upProjection: layer, overwriting: &shortcut, scale: scale, relu: activation == .relu, gemm: gemm)
            return (shortcut, allFinite)
        }
        let (output, allFinite) = FastOps.residualBlock(
            input, upProjection: layer, shortcut: shortcut, scale: scale, relu: activation == .relu, gemm: gemm)
        return (output, allFinite)
    }
}
