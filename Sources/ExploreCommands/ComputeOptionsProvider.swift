import ArgumentParser
import Computation
import NetworkModel
import REPL
import Tensors

/// The REPL's and `explore step`'s computation, built exactly as every computing command
/// builds it: the session's settings become `ComputeOptions` arguments, so `set gemm`
/// offers the same kernels as `--gemm`, and weights and images load the same way.
public struct ComputeOptionsProvider: ComputeProvider {
    /// `fixed` or `per-image`, from the command line (the REPL has no `set` for it).
    public let standardisation: String

    public init(standardisation: String = "fixed") {
        self.standardisation = standardisation
    }

    /// The session settings `options` describe.
    public static func settings(from options: ComputeOptions) -> SessionSettings {
        SessionSettings(configuration: options.network.configuration, gemm: options.gemm.rawValue,
                        weightsPath: options.weights, seed: options.seed ?? SessionSettings.defaultSeed, inputPath: options.input)
    }

    /// The default settings of `explore` with no options.
    public static func defaultSettings() throws -> SessionSettings {
        settings(from: try ComputeOptions.parse([]))
    }

    /// `settings` as parsed command-line options.
    public func options(for settings: SessionSettings) throws -> ComputeOptions {
        let configuration = settings.configuration
        var arguments = ["--gemm", settings.gemm, "--input-size", "\(configuration.inputSize)",
                         "--bottleneck", "\(configuration.bottleneck)", "--standardisation", standardisation]
        for (layer, padding) in configuration.paddingOverrides.sorted(by: { $0.key < $1.key }) {
            arguments += ["--padding", "\(layer)=\(padding.rawValue)"]
        }
        if let weights = settings.weightsPath { arguments += ["--weights", weights] } else { arguments += ["--seed", "\(settings.seed)"] }
        if let input = settings.inputPath { arguments += ["--input", input] }
        do {
            return try ComputeOptions.parse(arguments)
        } catch {
            throw CommandError(ComputeOptions.message(for: error).split(separator: "\n").joined(separator: " "))
        }
    }

    public var gemmChoices: [String] { GemmChoice.allCases.map(\.rawValue) }

    public func input(for settings: SessionSettings) throws -> Tensor {
        try options(for: settings).makeInput(size: settings.configuration.inputSize)
    }

    public func executor(for settings: SessionSettings, ledger: Ledger, input: Tensor) throws -> OpExecutor {
        let options = try options(for: settings)
        let weights = try options.makeWeights(for: ledger)
        let backend = try options.makeBackend(ledger: ledger, weights: weights)
        return InterpreterExecutor(ledger: ledger, backend: backend, input: input, reference: { try NaiveBackend(ledger: ledger, weights: weights) })
    }

    public func describe(_ settings: SessionSettings) -> String {
        let weights = settings.weightsPath ?? "seeded weights (seed \(settings.seed))"
        return "\(weights), input \(settings.inputPath ?? "synthetic image")"
            + (standardisation == "fixed" ? "" : " (\(standardisation) standardisation)")
    }

    /// Whether the built-in image is standardised as the golden file recorded it.
    public var standardisesLikeTheGoldenFile: Bool { standardisation == "fixed" }
}
