import Computation
import ModelData
import NetworkModel
import Tensors

/// Weights, input image and kernels as the `explore` command-line options describe them:
/// generated weights from a seed or a `.safetensors` file; the built-in synthetic image or a
/// PNG/JPEG/`.npy` file; the naive or the fast backend.
public struct StandardComputeProvider: ComputeProvider {
    /// Builds the backend for a gemm name (`naive`, `fast`); nil for names this build lacks.
    public typealias BackendFactory = @Sendable (_ gemm: String, _ ledger: Ledger, _ weights: WeightSource) throws -> Backend?

    let makeBackend: BackendFactory

    /// `makeBackend` adds kernels beyond the naive one (the fast backend lives in another module).
    public init(makeBackend: @escaping BackendFactory = { _, _, _ in nil }) {
        self.makeBackend = makeBackend
    }

    public func input(for settings: SessionSettings) throws -> Tensor {
        let size = settings.configuration.inputSize
        guard let path = settings.inputPath else { return SyntheticImage.make(size: size) }
        return try InputImage.load(path: path, size: size)
    }

    public func weights(for settings: SessionSettings) throws -> WeightSource {
        if let path = settings.weightsPath { return try SafetensorsWeights(contentsOf: path) }
        return GeneratedWeights(seed: settings.seed)
    }

    public func backend(for settings: SessionSettings, ledger: Ledger) throws -> Backend {
        let weights = try weights(for: settings)
        if let backend = try makeBackend(settings.gemm, ledger, weights) { return backend }
        guard settings.gemm == "naive" else {
            throw CommandError("gemm '\(settings.gemm)' is not in this build: 'set gemm naive'")
        }
        return try NaiveBackend(ledger: ledger, weights: weights)
    }

    public func executor(for settings: SessionSettings, ledger: Ledger, input: Tensor) throws -> OpExecutor {
        InterpreterExecutor(ledger: ledger, backend: try backend(for: settings, ledger: ledger), input: input)
    }

    public func describe(_ settings: SessionSettings) -> String {
        let weights = settings.weightsPath ?? "seeded weights (seed \(settings.seed))"
        let input = settings.inputPath ?? "synthetic image"
        return "\(weights), input \(input)"
    }
}
