import ArgumentParser
import LedgerReports
import NetworkModel
import REPL

/// `explore step LAYER`: runs the network up to LAYER, one line per block, then steps
/// through LAYER's every op with its ledger line, note, time and output statistics.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Run the network up to LAYER and step through LAYER's ops with real values.",
        discussion: "LAYER is a block (Mixed_6a, Block35_3) or one op (Mixed_6a/Branch_1/Conv2d_0b_3x3). Example: explore step Mixed_6a"
    )

    @Argument(help: "The block or op to step through, e.g. Mixed_6a.")
    var layer: String

    @Option(help: "Language of the notes: en, or zh in the source table's phrasing.")
    var lang: Language = .en

    @Option(help: "Kernels: naive or fast.")
    var gemm: String = SessionSettings().gemm

    @Option(help: "A .safetensors file with FaceNet variable names (default: seeded weights).")
    var weights: String?

    @Option(help: "Seed of the generated weights.")
    var seed: UInt64 = SessionSettings.defaultSeed

    @Option(help: "A .png, .jpg or .npy input (default: the built-in synthetic image).")
    var input: String?

    @OptionGroup var network: NetworkOptions

    func run() throws {
        let settings = SessionSettings(configuration: network.configuration, gemm: gemm, weightsPath: weights,
                                       seed: seed, inputPath: input, language: lang)
        let session = try ExplorerSession(settings: settings, provider: StandardComputeProvider(),
                                          out: StandardStreams(), style: Style.forStandardOutput())
        do {
            try session.stepThrough(layer)
        } catch {
            throw ExploreError(String(describing: error).split(separator: "\n").joined(separator: " "))
        }
    }
}
