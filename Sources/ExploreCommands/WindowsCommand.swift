import ArgumentParser
import LedgerReports
import NetworkModel

/// `explore windows LAYER`: the window arithmetic of one layer of the network, as `pad` tells it.
struct WindowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "windows",
        abstract: "The windows of one layer: its input map, padding per side, the rows and columns no window reads, and with --picture a drawing.",
        discussion: "Example: explore windows Conv2d_1a_3x3 --picture conv1a.svg; add --compare for SAME and VALID side by side."
    )

    @Argument(help: "A windowed layer (convolution or pooling), e.g. Mixed_6a/Branch_0/Conv2d_1a_3x3.")
    var layer: String

    @OptionGroup var picture: PictureOptions

    @OptionGroup var network: NetworkOptions

    func run() throws {
        let net = try Network.faceNet(network.configuration)
        _ = try net.requireLayer(named: layer)
        let entries: [LedgerEntry]
        do { entries = try Ledger(network: net).entries } catch { entries = error.partial }
        guard let entry = entries.first(where: { $0.name == layer }) else {
            throw ExploreError("'\(layer)' is not reached: the network breaks before it (see 'explore table')")
        }
        guard let window = entry.window, entry.input.isMap,
            let geometry = WindowGeometry(input: entry.input.spatial, kernel: window.kernel, stride: window.stride, padding: window.padding)
        else {
            throw ExploreError("'\(layer)' is a \(entry.layer.op.kind), not a windowed op: name a convolution or a pooling layer")
        }
        try picture.validateFile()
        print("\(layer): \(entry.input) -> \(entry.output)")
        print(PadReport.text(geometry), terminator: "")
        try picture.write(geometry)
    }
}
