import LedgerReports
import NetworkModel

/// What the student can change with `set`: the what-if configuration and the compute choices.
public struct SessionSettings: Sendable, Equatable {
    public var configuration: NetworkConfiguration
    /// `naive` or `fast`.
    public var gemm: String
    /// A `.safetensors` file; nil: generated weights from `seed`.
    public var weightsPath: String?
    public var seed: UInt64
    /// A `.png`, `.jpg` or `.npy` file; nil: the built-in synthetic image.
    public var inputPath: String?
    public var language: Language
    /// Where `render` writes.
    public var outputDirectory: String

    public static let defaultSeed: UInt64 = 2018

    public init(configuration: NetworkConfiguration = NetworkConfiguration(), gemm: String = "naive",
                weightsPath: String? = nil, seed: UInt64 = defaultSeed, inputPath: String? = nil,
                language: Language = .en, outputDirectory: String = "Output") {
        self.configuration = configuration
        self.gemm = gemm
        self.weightsPath = weightsPath
        self.seed = seed
        self.inputPath = inputPath
        self.language = language
        self.outputDirectory = outputDirectory
    }

    /// `input 160, bottleneck 1024, paddings as declared` / `..., Conv2d_2b_3x3=VALID`.
    public var networkDescription: String {
        let overrides = configuration.paddingOverrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        return "input \(configuration.inputSize)x\(configuration.inputSize), bottleneck \(configuration.bottleneck), "
            + (overrides.isEmpty ? "paddings as declared" : "padding " + overrides.joined(separator: ", "))
    }
}
