import Exploration
import NetworkModel

/// Turns one line into a `SessionCommand`, or a one-line `CommandError` saying what is wrong.
public enum CommandParser {
    /// Splits a line into words; double or single quotes keep spaces inside a word.
    public static func words(_ line: String) throws(CommandError) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character? = nil
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw CommandError("unterminated quote in '\(line)'") }
        if inWord { words.append(current) }
        return words
    }

    /// Parses a non-empty line. Blank lines and `#` comments are the caller's to skip.
    public static func parse(_ line: String) throws(CommandError) -> SessionCommand {
        let all = try words(line)
        guard let word = all.first else { throw CommandError("empty command: type 'help' for the list") }
        guard let info = CommandCatalog.command(named: word) else {
            let suggestions = CommandCatalog.suggestions(for: word)
            let hint = suggestions.isEmpty ? "" : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "? "
            throw CommandError("unknown command '\(word)': \(hint)type 'help' for the list")
        }
        var arguments = ArgumentList(command: info, words: Array(all.dropFirst()))
        let command: SessionCommand
        switch info.name {
        case "help": command = .help(topic: arguments.optional())
        case "where": command = .whereAmI
        case "step": command = .step(count: try arguments.count())
        case "next": command = .next(count: try arguments.count())
        case "continue": command = .continueRun
        case "run":
            if arguments.peek == "to" {
                _ = arguments.optional()
                command = .runTo(layer: try arguments.required("LAYER"))
            } else {
                command = .runTo(layer: arguments.optional())
            }
        case "break": command = .breakAt(layer: arguments.optional())
        case "delete": command = .delete(layer: arguments.optional())
        case "back": command = .back(count: try arguments.count())
        case "reset": command = .reset
        case "inspect": command = .inspect(layer: arguments.optional())
        case "show": command = try parseShow(&arguments)
        case "table": command = try parseTable(&arguments)
        case "set": command = .set(try parseSetting(&arguments))
        case "verify": command = .verify
        case "render":
            var expand: String? = nil
            var force = false
            var png = false
            while let word = arguments.optional() {
                if word == "--force" || word == "-f" {
                    force = true
                } else if word == "--png" {
                    png = true
                } else if word == "--svg" {
                    png = false
                } else if word.hasPrefix("-") {
                    throw arguments.usageError("unknown option '\(word)'")
                } else if expand == nil {
                    expand = word
                } else {
                    throw arguments.usageError("unexpected '\(word)'")
                }
            }
            command = .render(expand: expand, force: force, png: png)
        case "time": command = .time(block: arguments.optional())
        case "quiz":
            command = .quiz(answer: all.count > 1 ? all.dropFirst().joined(separator: " ") : nil)
            return command
        case "quit": command = .quit
        default: throw CommandError("'\(info.name)' is listed but not parsed")
        }
        try arguments.finish()
        return command
    }

    private static func parseShow(_ arguments: inout ArgumentList) throws(CommandError) -> SessionCommand {
        var layer: String? = nil
        var channel: Int? = nil
        var png: String? = nil
        var force = false
        while let word = arguments.optional() {
            switch word {
            case "channel", "--channel", "-c":
                channel = try arguments.number("C", word: try arguments.required("C"), minimum: 0)
            case "--png":
                png = try arguments.required("FILE")
            case "--force", "-f":
                force = true
            default:
                if word.hasPrefix("-") { throw arguments.usageError("unknown option '\(word)'") }
                guard layer == nil else { throw arguments.usageError("unexpected '\(word)'") }
                layer = word
            }
        }
        if force && png == nil { throw arguments.usageError("--force only applies with --png FILE") }
        return .show(layer: layer, channel: channel, png: png, force: force)
    }

    private static func parseTable(_ arguments: inout ArgumentList) throws(CommandError) -> SessionCommand {
        var format = "text"
        var language = "en"
        var pattern: String? = nil
        var only: String? = nil
        while let word = arguments.optional() {
            let value = word.hasPrefix("--") ? String(word.dropFirst(2)) : word
            switch value {
            case "text", "markdown", "json": format = value
            case "en", "zh": language = value
            case "format", "lang": continue
            case "only":
                let kind = try arguments.required("padded|lossy|overridden")
                guard ["padded", "lossy", "overridden"].contains(kind) else {
                    throw arguments.usageError("--only takes padded, lossy or overridden, got '\(kind)'")
                }
                only = kind
            default:
                guard !word.hasPrefix("-"), pattern == nil else {
                    throw arguments.usageError("'\(word)' is neither a format (text, markdown, json), a language (en, zh) nor a layer pattern")
                }
                pattern = word
            }
        }
        return .table(format: format, language: language, pattern: pattern, only: only)
    }

    private static func parseSetting(_ arguments: inout ArgumentList) throws(CommandError) -> SessionCommand.Setting {
        let name = try arguments.required("SETTING")
        let usages = [
            "gemm": "set gemm naive|fast", "input": "set input FILE|synthetic", "input-size": "set input-size N|HxW",
            "align-feature-maps": "set align-feature-maps on|off", "output-stride": "set output-stride 8|16",
            "dilation": "set dilation LAYER R|default", "through": "set through LAYER|end",
            "padding": "set padding LAYER SAME|VALID|default", "lang": "set lang en|zh",
            "weights": "set weights FILE|seeded", "seed": "set seed N", "substeps": "set substeps on|off",
        ]
        let canonical = ["inputsize": "input-size", "size": "input-size", "language": "lang"][name] ?? name
        if let usage = usages[canonical] { arguments.usage = usage }
        switch name {
        case "gemm":
            return .gemm(try arguments.required("naive|fast"))
        case "input":
            let value = try arguments.required("FILE")
            return .input(["synthetic", "default"].contains(value) ? nil : value)
        case "input-size", "inputsize", "size":
            let word = try arguments.required("N|HxW")
            guard let size = Size2(parsing: word) else {
                throw arguments.usageError("the input size is a side or HEIGHTxWIDTH of whole numbers >= 1, got '\(word)'")
            }
            return .inputSize(size)
        case "align-feature-maps", "align":
            return .alignFeatureMaps(try arguments.onOff("align-feature-maps"))
        case "output-stride":
            let word = try arguments.required("8|16")
            guard let stride = Int(word), NetworkConfiguration.outputStrides.contains(stride) else {
                throw arguments.usageError("the output stride is 8 or 16 (TF-Slim's two), got '\(word)'")
            }
            return .outputStride(stride)
        case "dilation":
            let layer = try arguments.required("LAYER")
            let value = try arguments.required("R|default")
            if value.lowercased() == "default" { return .dilation(layer: layer, nil) }
            return .dilation(layer: layer, try arguments.number("R", word: value, minimum: 1))
        case "through":
            let value = try arguments.required("LAYER|end")
            return .through(value == "end" ? nil : value)
        case "padding":
            let layer = try arguments.required("LAYER|all")
            let value = try arguments.required("SAME|VALID|default")
            if layer == "all" {
                guard value.lowercased() == "default" else {
                    throw arguments.usageError("'set padding all' only takes 'default' (every layer back to its declared padding)")
                }
                return .padding(layer: "all", nil)
            }
            if value.lowercased() == "default" { return .padding(layer: layer, nil) }
            guard let padding = Padding(caseInsensitive: value) else {
                throw arguments.usageError("padding is SAME, VALID or default, got '\(value)'")
            }
            return .padding(layer: layer, padding)
        case "lang", "language":
            let value = try arguments.required("en|zh")
            guard ["en", "zh"].contains(value) else { throw arguments.usageError("lang is 'en' or 'zh', got '\(value)'") }
            return .language(value)
        case "weights":
            let value = try arguments.required("FILE")
            return .weights(["seeded", "generated", "default"].contains(value) ? nil : value)
        case "substeps", "sub-steps":
            return .subSteps(try arguments.onOff("substeps"))
        case "seed":
            let word = try arguments.required("N")
            guard let seed = UInt64(word) else { throw arguments.usageError("the seed is a whole number >= 0, got '\(word)'") }
            return .seed(seed)
        default:
            let known = [
                "gemm", "input", "input-size", "padding", "lang", "weights", "seed", "substeps",
                "align-feature-maps", "output-stride", "dilation", "through",
            ]
            let suggestions = NameSuggestions.nearest(to: name, in: known, limit: 2)
            let hint = suggestions.isEmpty ? "" : " (did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?)"
            throw arguments.usageError("unknown setting '\(name)'\(hint)")
        }
    }
}

/// The words after a command name, consumed left to right, with usage errors naming the command.
struct ArgumentList {
    let command: CommandInfo
    private var words: [String]
    /// The usage shown in errors; a `set` names the one setting.
    var usage: String

    init(command: CommandInfo, words: [String]) {
        self.command = command
        self.words = words
        self.usage = command.usage
    }

    var peek: String? { words.first }

    mutating func optional() -> String? { words.isEmpty ? nil : words.removeFirst() }

    mutating func required(_ what: String) throws(CommandError) -> String {
        guard let word = optional() else { throw usageError("missing \(what)") }
        return word
    }

    /// An optional positive count, 1 by default.
    mutating func count() throws(CommandError) -> Int {
        guard let word = optional() else { return 1 }
        // A layer name (Mixed_6a, Block17_1/Branch_0/...) where a count belongs: the command
        // line's `explore step Mixed_6a` typed here, so say what does that in the explorer.
        if Int(word) == nil, word.contains("_") || word.contains("/") {
            throw usageError("N is a number of ops, got the layer name '\(word)'; to run up to it: run to \(word)")
        }
        return try number("N", word: word, minimum: 1)
    }

    func number(_ what: String, word: String, minimum: Int) throws(CommandError) -> Int {
        guard let value = Int(word), value >= minimum else {
            throw usageError("\(what) must be a whole number >= \(minimum), got '\(word)'")
        }
        return value
    }

    /// `on` or `off`, the value of `setting`.
    mutating func onOff(_ setting: String) throws(CommandError) -> Bool {
        let value = try required("on|off")
        guard ["on", "off"].contains(value) else { throw usageError("\(setting) is 'on' or 'off', got '\(value)'") }
        return value == "on"
    }

    func finish() throws(CommandError) {
        guard words.isEmpty else { throw usageError("unexpected '\(words.joined(separator: " "))'") }
    }

    func usageError(_ what: String) -> CommandError {
        CommandError("\(command.name): \(what) (usage: \(usage))")
    }
}
