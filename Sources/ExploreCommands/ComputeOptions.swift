import ArgumentParser
import Exploration
import ModelData

extension Kernels: ExpressibleByArgument {}
extension Standardisation: ExpressibleByArgument {}

/// The options every command that computes shares (docs/commands.md): the network what-ifs,
/// the weights, the input image and the kernels. They only parse: `settings` is what the
/// session builds from.
public struct ComputeOptions: ParsableArguments {
    @OptionGroup public var network: NetworkOptions

    @Option(
        help: ArgumentHelp(
            "A .safetensors file with FaceNet's variable names (default: seeded random weights, untrained; scripts/keras_to_facenet.py converts Keras's ImageNet weights).",
            valueName: "FILE"))
    public var weights: String?

    @Option(help: ArgumentHelp("Seed of the random, untrained generated weights (default \(GeneratedWeights.defaultSeed)).", valueName: "N"))
    public var seed: UInt64?

    @Option(
        help: ArgumentHelp(
            "A .png/.jpg (resized, standardised) or .npy float32 [1,H,W,3] or [H,W,3] (used as given); default: the built-in synthetic image.",
            valueName: "FILE"))
    public var input: String?

    @Option(help: ArgumentHelp("How images are standardised: fixed ((x - 127.5) / 128, FaceNet's) or per-image.", valueName: "fixed|per-image"))
    public var standardisation: Standardisation = SessionSettings().standardisation

    @Option(help: "Which kernels compute.")
    public var gemm: Kernels = SessionSettings().kernels

    public init() {}

    public func validate() throws {
        if weights != nil, seed != nil {
            throw ValidationError("--seed chooses generated weights, --weights reads a file: give one of them")
        }
    }

    /// The settings these options describe; what they leave out keeps the tool's defaults.
    public var settings: SessionSettings {
        var settings = SessionSettings(
            configuration: network.configuration, kernels: gemm, weightsPath: weights,
            inputPath: input, standardisation: standardisation)
        if let seed { settings.seed = seed }
        return settings
    }
}
