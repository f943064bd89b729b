import NetworkModel
import Tensors

/// Computes the ops of one ledger in order: the session's only contact with the computation.
public protocol OpExecutor: AnyObject {
    /// Index of the next entry to compute.
    var position: Int { get }
    /// Computes the next entry: its output and the seconds it took.
    func step() throws -> (output: Tensor, seconds: Double)
    /// Forgets every output; the next step computes the first entry again.
    func reset()
    /// The stages inside a computed op (`conv2d`, `batch norm`, `relu`), or nil if unknown.
    func subSteps(of entry: LedgerEntry) throws -> [(name: String, output: Tensor)]?
}
