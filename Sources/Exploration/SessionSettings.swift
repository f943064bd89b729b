import LedgerReports
import ModelData
import NetworkModel

/// Everything a student can choose before computing, the one settings model of the command
/// line and the REPL: the what-if network, the weights, the input image, the kernels, the
/// notes' language and where pictures go. Its defaults are the tool's defaults.
public struct SessionSettings: Sendable, Equatable {
    public var configuration: NetworkConfiguration
    public var kernels: Kernels
    /// A `.safetensors` file; nil: generated weights from `seed`.
    public var weightsPath: String?
    public var seed: UInt64
    /// A `.png`, `.jpg` or `.npy` file; nil: the built-in synthetic image.
    public var inputPath: String?
    /// How a decoded image becomes the network's input.
    public var standardisation: Standardisation
    public var language: Language
    /// Where the REPL's `render` writes.
    public var outputDirectory: String

    public init(
        configuration: NetworkConfiguration = NetworkConfiguration(), kernels: Kernels = .fast,
        weightsPath: String? = nil, seed: UInt64 = GeneratedWeights.defaultSeed, inputPath: String? = nil,
        standardisation: Standardisation = .fixed, language: Language = .en, outputDirectory: String = "Output"
    ) {
        self.configuration = configuration
        self.kernels = kernels
        self.weightsPath = weightsPath
        self.seed = seed
        self.inputPath = inputPath
        self.standardisation = standardisation
        self.language = language
        self.outputDirectory = outputDirectory
    }

    /// `input 160x160, bottleneck 1024, paddings as declared` / `..., padding Conv2d_2b_3x3=VALID`,
    /// then TF-Slim's options and dilations when in force (`..., align_feature_maps (...)`).
    public var networkDescription: String {
        let overrides = configuration.paddingOverrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        return "input \(configuration.inputDescription), bottleneck \(configuration.bottleneck), "
            + (overrides.isEmpty ? "paddings as declared" : "padding " + overrides.joined(separator: ", "))
            + configuration.structurePhrases.map { ", " + $0 }.joined()
    }

    /// `seeded random weights (seed 2018, untrained)` or the weights file's path.
    public var weightsDescription: String {
        weightsPath ?? "seeded random weights (seed \(seed), untrained)"
    }

    /// `synthetic image` or the image file's path.
    public var inputDescription: String { inputPath ?? "synthetic image" }

    /// `seeded random weights (seed 2018, untrained), input synthetic image`, and the standardisation when it is not FaceNet's.
    public var computeDescription: String {
        "\(weightsDescription), input \(inputDescription)"
            + (standardisation == .fixed ? "" : " (\(standardisation.rawValue) standardisation)")
    }
}
