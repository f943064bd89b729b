import NetworkModel
import Tensors

/// One layer the interpreter ran: what it produced and how long it took.
public struct LayerResult: Sendable {
    /// The ledger's entries, shared: the entry is read when asked for rather than copied
    /// into every result (copying the entries of a pass's 338 results cost about 2% of
    /// a fast pass at 160).
    private let entries: [LedgerEntry]
    /// The layer's index in the ledger.
    public let index: Int
    /// The output, `[1] + entry.output.dims`. In `Interpreter.results` and the arrays
    /// `run` returns, an output the retention policy freed is an empty tensor (shape `[0]`).
    public let output: Tensor
    /// Wall-clock seconds of the backend's `forward`.
    public let seconds: Double

    init(entries: [LedgerEntry], index: Int, output: Tensor, seconds: Double) {
        self.entries = entries
        self.index = index
        self.output = output
        self.seconds = seconds
    }

    public var entry: LedgerEntry { entries[index] }

    public var name: String { entries[index].name }

    /// False when the retention policy freed the output (it is then an empty tensor).
    public var isRetained: Bool { output.shape == entries[index].outputTensorShape }

    /// What a result holds for an output the retention policy freed.
    static let freedOutput = Tensor(shape: [0], scalars: [])
}
