import NetworkModel
import Tensors

/// One layer the interpreter ran: what it produced and how long it took.
public struct LayerResult: Sendable {
    public let entry: LedgerEntry
    /// The output, `[1] + entry.output.dims`. In `Interpreter.results` and the arrays
    /// `run` returns, an output the retention policy freed is an empty tensor (shape `[0]`).
    public let output: Tensor
    /// Wall-clock seconds of the backend's `forward`.
    public let seconds: Double

    public var name: String { entry.name }

    /// False when the retention policy freed the output (it is then an empty tensor).
    public var isRetained: Bool { output.shape == entry.outputTensorShape }
}
