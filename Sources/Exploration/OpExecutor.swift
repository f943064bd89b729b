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

/// Builds executors and inputs for the session's settings.
public protocol ComputeProvider {
    /// Checks the settings that name files (input, weights) and loads the input image.
    func input(for settings: SessionSettings) throws -> Tensor
    /// An executor over `ledger` (the network in force, or the part before a failing layer).
    func executor(for settings: SessionSettings, ledger: Ledger, input: Tensor) throws -> OpExecutor
    /// `seeded weights (seed 2018)`, `synthetic 160x160 image`: for `where`.
    func describe(_ settings: SessionSettings) -> String
    /// The kernels `set gemm` accepts (`naive`, `fast`).
    var gemmChoices: [String] { get }
    /// Whether inputs are standardised as the golden tensors were (FaceNet's fixed rule).
    var standardisesLikeTheGoldenFile: Bool { get }
}
