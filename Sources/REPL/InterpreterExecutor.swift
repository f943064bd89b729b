import Computation
import NetworkModel
import Tensors

/// The session's executor over the compute engineer's `Interpreter`.
public final class InterpreterExecutor: OpExecutor {
    public let interpreter: Interpreter

    public init(ledger: Ledger, backend: Backend, input: Tensor) {
        interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .all)
    }

    public var position: Int { interpreter.position }

    public func step() throws -> (output: Tensor, seconds: Double) {
        let result = try interpreter.step()
        return (result.output, result.seconds)
    }

    public func reset() { interpreter.reset() }
}
