import ArgumentParser
import LedgerReports
import NetworkModel

/// `explore pad`: TensorFlow's padding arithmetic for one window op.
struct PadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pad",
        abstract: "The padding arithmetic of one window op (output size, padding per side, lost rows and columns).",
        discussion: "Example: explore pad --size 17 --kernel 3 --stride 2 --padding VALID"
    )

    @Option(help: ArgumentHelp("Input map size.", valueName: "H[xW]"))
    var size: Size2Argument

    @Option(help: ArgumentHelp("Kernel size (3, 3x3, 1x7).", valueName: "K[xK]"))
    var kernel: Size2Argument

    @Option(help: ArgumentHelp("Stride.", valueName: "S[xS]"))
    var stride: Size2Argument = Size2Argument(Size2(1, 1))

    @Option(help: "SAME or VALID.")
    var padding: Padding

    @Flag(help: "Print {\"output\", \"pad\", \"lost\"} as JSON.")
    var json = false

    @OptionGroup var picture: PictureOptions

    func run() throws {
        for (axis, length, kernel, stride) in [
            ("rows", size.value.height, kernel.value.height, stride.value.height), ("columns", size.value.width, kernel.value.width, stride.value.width),
        ] {
            if let problem = AxisWindow.limitProblem(inputLength: length, kernel: kernel, stride: stride) { throw ExploreError("\(axis): \(problem)") }
        }
        guard let geometry = WindowGeometry(input: size.value, kernel: kernel.value, stride: stride.value, padding: padding) else {
            throw ExploreError("a \(kernel.value) VALID window does not fit a \(size.value) map: use --padding SAME or a size of at least \(kernel.value)")
        }
        try picture.validateFile()
        print(json ? PadReport.json(geometry).serialized() : PadReport.text(geometry), terminator: json ? "\n" : "")
        try picture.write(geometry, quiet: json)
    }
}

/// `17` or `17x9`: a size given on the command line, every side at least 1.
struct Size2Argument: ExpressibleByArgument {
    let value: Size2

    init(_ value: Size2) { self.value = value }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        value = Size2(parts[0]!, parts.last!!)
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// `1x1` in `--help`, not the struct's debug description.
    var defaultValueDescription: String { "\(value)" }
}

extension Padding: ExpressibleByArgument {
    public init?(argument: String) { self.init(caseInsensitive: argument) }
}
