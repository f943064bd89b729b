import NetworkModel

/// Every REPL command: its name, aliases, usage and help, and what its arguments are (for completion).
public struct CommandInfo: Sendable {
    /// What a word after the command name is, so tab completion can offer the right candidates.
    public enum Argument: Sendable, Equatable {
        case layer
        case word([String])
        case file
        case none
    }

    public let name: String
    public let aliases: [String]
    public let usage: String
    public let summary: String
    public let details: String
    public let arguments: [Argument]
}

/// The command list, in the order `help` prints it.
public enum CommandCatalog {
    public static let commands: [CommandInfo] = [
        CommandInfo(
            name: "help", aliases: ["h", "?"], usage: "help [COMMAND]",
            summary: "list the commands, or explain one",
            details:
                "Layer names are FaceNet scopes without the InceptionResnetV2/ prefix (Mixed_6a, Block35_3/Branch_1/Conv2d_0b_3x3); TAB completes commands and names.",
            arguments: [.word([])]),
        CommandInfo(
            name: "where", aliases: ["w"], usage: "where",
            summary: "the current position, the last output's shape and the settings",
            details: "Shows the op that ran last and its output shape, the next op, the breakpoints, and the what-if settings in force.",
            arguments: []),
        CommandInfo(
            name: "step", aliases: ["s"], usage: "step [N]",
            summary: "run the next N ops (default 1), one at a time, into branches",
            details:
                "Every op prints its ledger line (input -> output, window, padding per side or pixels lost), its note, its time and its output statistics. Stops early at a breakpoint.",
            arguments: []),
        CommandInfo(
            name: "next", aliases: ["n"], usage: "next [N]",
            summary: "run over the rest of the current block (N blocks)",
            details:
                "Runs every remaining op of the block the next op belongs to and prints one summary line for it; a stem or head layer is a block of its own.",
            arguments: []),
        CommandInfo(
            name: "continue", aliases: ["c", "cont"], usage: "continue",
            summary: "run to the next breakpoint, or to the end",
            details: "Prints one summary line per block it runs over.",
            arguments: []),
        CommandInfo(
            name: "run", aliases: ["r"], usage: "run [to] LAYER",
            summary: "run until LAYER has been computed",
            details:
                "Runs forward from the current position (ignoring breakpoints) until LAYER's output exists; if it already ran, only moves the cursor there. `run` alone runs to the end.",
            arguments: [.layer, .layer]),
        CommandInfo(
            name: "break", aliases: ["b"], usage: "break [LAYER]",
            summary: "stop `continue` before LAYER runs; alone, list the breakpoints",
            details: "A block name (Mixed_6a) stops before the block's first op.",
            arguments: [.layer]),
        CommandInfo(
            name: "delete", aliases: ["d"], usage: "delete [LAYER]",
            summary: "remove the breakpoint at LAYER, or all of them",
            details: "",
            arguments: [.layer]),
        CommandInfo(
            name: "back", aliases: [], usage: "back [N]",
            summary: "move the cursor back N ops (default 1)",
            details: "Outputs already computed are kept, so stepping forward again replays them without recomputing.",
            arguments: []),
        CommandInfo(
            name: "reset", aliases: [], usage: "reset",
            summary: "forget every output and go back to the input",
            details: "Settings and breakpoints are kept.",
            arguments: []),
        CommandInfo(
            name: "inspect", aliases: ["i", "p"], usage: "inspect [LAYER]",
            summary: "everything about one layer: ledger line, receptive field, statistics, values",
            details: "Without LAYER, the op that ran last. Statistics and a window of values need the layer to have been computed.",
            arguments: [.layer]),
        CommandInfo(
            name: "show", aliases: [], usage: "show [LAYER] [channel C] [--png FILE [--force]]",
            summary: "a feature map as a terminal heat map, or a grid of channels as a PNG",
            details: "Without channel, the channel with the largest spread. --png writes up to 64 channels as a grid; an existing file is kept unless --force.",
            arguments: [.layer, .word(["channel", "--png", "--force"]), .file]),
        CommandInfo(
            name: "table", aliases: ["t"], usage: "table [PATTERN] [--only padded|lossy|overridden] [text|markdown|json] [en|zh]",
            summary: "the layer table of the network in force (shapes only)",
            details:
                "The same table as `explore table`, for the current what-if settings; a broken network lists the layers before the failure. PATTERN keeps a block (Mixed_6a) or a glob of paths ('Block17_*/Branch_1/*'). At a terminal it is fitted to the width and paged.",
            arguments: [.word(["text", "markdown", "json", "--only"]), .word(["en", "zh", "padded", "lossy", "overridden"])]),
        CommandInfo(
            name: "set", aliases: [], usage: "set gemm|input|input-size|padding|lang|weights|seed|substeps VALUE",
            summary: "change a setting; what-ifs re-derive the shapes and restart the run",
            details:
                "set gemm naive|fast; set input FILE|synthetic; set input-size N|HxW; set padding LAYER SAME|VALID|default (set padding all default drops every override); set align-feature-maps on|off; set output-stride 8|16; set dilation LAYER R|default; set through LAYER|end (TF-Slim's options); set lang en|zh; set weights FILE|seeded; set seed N; set substeps on|off (step shows conv2d, batch norm, relu inside each op).",
            arguments: [
                .word([
                    "gemm", "input", "input-size", "padding", "lang", "weights", "seed", "substeps",
                    "align-feature-maps", "output-stride", "dilation", "through",
                ])
            ]),
        CommandInfo(
            name: "verify", aliases: [], usage: "verify",
            summary: "compare the ops computed so far with the golden tensors (Keras/TensorFlow)",
            details:
                "The golden file records every layer for input 160, bottleneck 1024, seeded random weights (seed 2018, untrained) and the built-in image; other settings are not compared. 'explore verify' checks a second image too.",
            arguments: []),
        CommandInfo(
            name: "render", aliases: [], usage: "render [BLOCK|KIND|all] [--png] [--force]",
            summary: "draw the architecture diagram (SVG, or PNG with --png) into Output/",
            details:
                "With BLOCK (Mixed_6a), KIND (Block17) or all, that part is drawn op by op. The network in force is drawn (what-ifs included); once ops have run, nodes are shaded by their share of the time. An existing file is kept unless --force.",
            arguments: [.layer, .word(["--png", "--force"])]),
        CommandInfo(
            name: "time", aliases: [], usage: "time [BLOCK|all]",
            summary: "time of each block run so far, or of each op of BLOCK (all: every op)",
            details: "Times are the backend's forward of each op, wall clock; 'set gemm' switches kernels (the run restarts).",
            arguments: [.layer]),
        CommandInfo(
            name: "quiz", aliases: [], usage: "quiz [ANSWER]",
            summary: "predict, then run: a question about the next op or a what-if, and your score",
            details:
                "'quiz' asks; 'quiz ANSWER' judges your answer, runs the op when the question was about it, and shows the truth with its arithmetic (the same as 'explore exercise key').",
            arguments: []),
        CommandInfo(
            name: "quit", aliases: ["q", "exit"], usage: "quit",
            summary: "leave the explorer (end of input does the same)",
            details: "",
            arguments: []),
    ]

    /// Every name and alias, for suggestions and completion.
    public static var allNames: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// The command called `word` by name or alias.
    public static func command(named word: String) -> CommandInfo? {
        commands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Words people type for a command under another name.
    static let synonyms = ["clear": "reset", "restart": "reset", "list": "help", "ls": "table", "go": "run", "print": "inspect", "pos": "where"]

    /// Commands a mistyped `word` may mean: a synonym, else near names that start with the
    /// same letter (so `clear` is not taken for `break`).
    public static func suggestions(for word: String) -> [String] {
        if let synonym = synonyms[word.lowercased()] { return [synonym] }
        let names = commands.map(\.name).filter { $0.first == word.lowercased().first }
        return NameSuggestions.nearest(to: word, in: names, limit: 2)
    }

    /// Words `set` accepts after its setting name.
    public static func settingValues(_ setting: String) -> CommandInfo.Argument {
        switch setting {
        case "gemm": .word(["naive", "fast"])
        case "input": .file
        case "padding", "dilation", "through": .layer
        case "align-feature-maps": .word(["on", "off"])
        case "output-stride": .word(["8", "16"])
        case "lang": .word(["en", "zh"])
        case "substeps": .word(["on", "off"])
        case "weights": .file
        default: .none
        }
    }
}
