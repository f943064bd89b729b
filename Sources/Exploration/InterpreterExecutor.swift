import Computation
import NetworkModel
import Tensors

/// The session's executor over the compute engineer's `Interpreter`.
public final class InterpreterExecutor: OpExecutor {
    public let interpreter: Interpreter
    /// Builds the reference backend whose stages (`conv2d`, `batch norm`, `relu`) sub-steps show.
    private let makeReference: (() throws -> NaiveBackend)?
    private var reference: NaiveBackend?

    public init(ledger: Ledger, backend: Backend, input: Tensor, reference: (() throws -> NaiveBackend)? = nil) {
        interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .all)
        makeReference = reference
        self.reference = backend as? NaiveBackend
    }

    public var position: Int { interpreter.position }

    public func step() throws -> (output: Tensor, seconds: Double) {
        let result = try interpreter.step()
        return (result.output, result.seconds)
    }

    public func reset() { interpreter.reset() }

    /// The stages of an op that already ran, recomputed by the naive backend from its inputs.
    public func subSteps(of entry: LedgerEntry) throws -> [(name: String, output: Tensor)]? {
        guard let naive = try reference ?? makeReference?() else { return nil }
        reference = naive
        let inputs = entry.layer.inputs.isEmpty ? [interpreter.input] : entry.layer.inputs.compactMap { interpreter.output(of: $0) }
        guard inputs.count == max(entry.layer.inputs.count, 1) else { return nil }
        return try naive.subSteps(entry, inputs: inputs).map { ($0.name, $0.output) }
    }
}
