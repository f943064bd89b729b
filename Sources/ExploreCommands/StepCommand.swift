import ArgumentParser
import Exploration
import LedgerReports
import NetworkModel

/// `explore step LAYER`: runs the network up to LAYER, one line per block, then steps
/// through LAYER's every op with its ledger line, note, time, output statistics and
/// golden status.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Run the network up to LAYER and step through LAYER's ops with real values.",
        discussion: "LAYER is a block (Mixed_6a, Block35_3) or one op (Mixed_6a/Branch_1/Conv2d_0b_3x3). Example: explore step Mixed_6a"
    )

    @Argument(help: "The block or op to step through, e.g. Mixed_6a.")
    var layer: String

    @OptionGroup var language: LanguageOption

    @Flag(help: "Also show the stages inside each op (conv2d, batch norm, relu), recomputed by the naive kernels.")
    var substeps = false

    @OptionGroup var compute: ComputeOptions

    func run() throws {
        var settings = compute.settings
        settings.language = language.lang
        let session = try ExplorerSession(settings: settings, out: StandardStreams(), style: Style.forStandardOutput())
        session.showsSubSteps = substeps
        try session.stepThrough(layer)
    }
}
