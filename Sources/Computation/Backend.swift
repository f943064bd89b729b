import NetworkModel
import Tensors

/// Computes one layer. The naive and the fast kernels implement it; the `Interpreter`
/// drives either through the ledger.
public protocol Backend: Sendable {
    /// `naive`, `fast`.
    var name: String { get }

    /// Output of `entry`'s layer given its inputs (in `entry.layer.inputs` order).
    ///
    /// The `.input` layer reads nothing; the interpreter passes it `[image]` and the
    /// backend returns the image after checking its shape. Outputs are `[1, h, w, c]`
    /// for maps and `[1, n]` for vectors: `[1] + entry.output.dims`.
    func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor

    /// `forward`, and whether its output is known to hold no NaN or infinity: true when
    /// the backend looked at every value as it wrote it (or only copied values the
    /// interpreter had checked), nil when it did not look; the interpreter then reads the
    /// whole output to find out.
    func forwardCheckingFiniteness(_ entry: LedgerEntry, inputs: [Tensor]) throws -> (output: Tensor, allFinite: Bool?)

    /// A residual block's up projection and its add as one step: the output of
    /// `residual` (which reads `[shortcut, upProjection]`), computed from the up
    /// projection's input without making the up projection's output. `input` is that
    /// input, one tensor, or the maps of the concat it comes from (their channels side
    /// by side make it), so that the concat need not be made either. Nil when this
    /// backend does not fuse them; the interpreter then runs the layers one by one.
    /// Finiteness as in `forwardCheckingFiniteness`.
    ///
    /// With `overwritingShortcut` (no later layer reads the shortcut, and it is not kept),
    /// the backend may write the output over `shortcut`'s scalars and return it: one map
    /// read and written in place, where a new one would be a third stream through memory.
    /// Otherwise `shortcut` is left as it is.
    func forwardResidualBlock(
        upProjection: LedgerEntry, residual: LedgerEntry, input: [Tensor], shortcut: inout Tensor, overwritingShortcut: Bool
    ) throws -> (output: Tensor, allFinite: Bool?)?
}

extension Backend {
    public func forwardCheckingFiniteness(_ entry: LedgerEntry, inputs: [Tensor]) throws -> (output: Tensor, allFinite: Bool?) {
        (try forward(entry, inputs: inputs), nil)
    }

    public func forwardResidualBlock(
        upProjection: LedgerEntry, residual: LedgerEntry, input: [Tensor], shortcut: inout Tensor, overwritingShortcut: Bool
    ) throws -> (output: Tensor, allFinite: Bool?)? {
        nil
    }
}

extension LedgerEntry {
    /// The tensor shape of this layer's output at batch 1: `[1] + output.dims`.
    public var outputTensorShape: [Int] { [1] + output.dims }

    /// The tensor shapes of its inputs at batch 1.
    public var inputTensorShapes: [[Int]] { inputShapes.map { [1] + $0.dims } }
}
