import NetworkModel
import Tensors

/// Why a computation cannot run; every description is one line.
public enum ComputationError: Error, Equatable, CustomStringConvertible {
    /// A weight source returned a tensor of the wrong shape.
    case weightShape(name: String, expected: [Int], found: [Int], source: String)
    /// The image does not have the shape the network's first layer takes.
    case inputShape(expected: [Int], found: [Int])
    /// A backend produced a tensor whose shape disagrees with the ledger.
    case outputShape(layer: String, expected: [Int], found: [Int], backend: String)
    /// `step()` after the last layer.
    case finished
    /// A backend was asked for a layer whose weights it did not load.
    case missingParameters(layer: String, variable: String)
    /// A layer was given inputs whose shapes disagree with the ledger.
    case layerInputs(layer: String, expected: [[Int]], found: [[Int]])
    /// A weight holds NaN or an infinity, or a moving variance is negative.
    case badWeight(name: String, source: String, detail: String)
    /// The input image holds NaN or an infinity.
    case nonFiniteInput(index: Int, value: Float)
    /// The first layer of a run whose output holds NaN or an infinity.
    case nonFiniteOutput(layer: String, index: Int, value: Float, backend: String)
    /// The run would hold more memory than the budget allows.
    case overBudget(needed: Int, budget: MemoryBudget, detail: String)

    public var description: String {
        func dims(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
        switch self {
        case .weightShape(let name, let expected, let found, let source):
            return "\(source): tensor '\(name)' has shape \(dims(found)), expected \(dims(expected))"
        case .inputShape(let expected, let found):
            let hint = found.count == 4 && found[1] == found[2] && found[3] == 3 ? ": pass --input-size \(found[1]) or an image of that size" : ""
            return "the input image has shape \(dims(found)) but the network takes \(dims(expected))\(hint)"
        case .outputShape(let layer, let expected, let found, let backend):
            return "the \(backend) backend computed \(dims(found)) for layer '\(layer)', the ledger says \(dims(expected))"
        case .finished:
            return "the network has run to its end: reset to run it again"
        case .missingParameters(let layer, let variable):
            return "no \(variable) were loaded for layer '\(layer)'"
        case .layerInputs(let layer, let expected, let found):
            return "layer '\(layer)' was given inputs \(found.map(dims).joined(separator: ", ")), the ledger says \(expected.map(dims).joined(separator: ", "))"
        case .badWeight(let name, let source, let detail):
            return "\(UserText.escaped(source)): tensor '\(UserText.escaped(name))' \(detail); nothing was computed"
        case .nonFiniteInput(let index, let value):
            return "the input image holds \(value) at scalar \(index); nothing was computed"
        case .nonFiniteOutput(let layer, let index, let value, let backend):
            return "layer '\(layer)' is the first to produce a non-finite value (\(value) at scalar \(index), \(backend) backend): the run stops there"
        case .overBudget(let needed, let budget, let detail):
            return
                "this run needs \(MemoryBudget.gibibytes(needed)) (\(detail)), more than the \(MemoryBudget.gibibytes(budget.bytes)) budget (\(budget.origin)): use a smaller --input-size or --bottleneck"
        }
    }
}
