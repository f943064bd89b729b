/// Tab-completion candidates for the word being typed, from the words before it.
public struct Completer: Sendable {
    /// Every layer name of the network in force.
    public var layerNames: [String]

    public init(layerNames: [String]) { self.layerNames = layerNames }

    /// Candidates starting with `word`; nil asks for file-name completion.
    /// `before` is the line up to the start of `word`.
    public func candidates(before: String, word: String) -> [String]? {
        let previous = (try? CommandParser.words(before)) ?? before.split(separator: " ").map(String.init)
        let pool: [String]
        if previous.isEmpty {
            pool = CommandCatalog.commands.map(\.name)
        } else {
            guard let command = CommandCatalog.command(named: previous[0]) else { return [] }
            switch kind(of: command, previous: previous) {
            case .layer: pool = layerNames
            case .word(let words): pool = words
            case .file: return nil
            case .none: pool = []
            }
        }
        // Values such as SAME/VALID are accepted in any case, so 's' completes to SAME.
        return pool.filter { $0.hasPrefix(word) || $0.lowercased().hasPrefix(word.lowercased()) }
    }

    private func kind(of command: CommandInfo, previous: [String]) -> CommandInfo.Argument {
        let index = previous.count - 1
        switch command.name {
        case "help":
            return index == 0 ? .word(CommandCatalog.commands.map(\.name)) : .none
        case "set":
            if index == 0 { return command.arguments[0] }
            if previous[1] == "padding" { return index == 1 ? .layer : index == 2 ? .word(["SAME", "VALID", "default"]) : .none }
            return index == 1 ? CommandCatalog.settingValues(previous[1]) : .none
        case "show":
            if previous.last == "--png" { return .file }
            if previous.last == "channel" { return .none }
            return index == 0 ? .layer : .word(["channel", "--png", "--force"])
        case "render":
            return .word(["--png", "--force"] + (index == 0 ? layerNames : []))
        case "run":
            return index == 0 ? .word(["to"] + layerNames) : index == 1 && previous[1] == "to" ? .layer : .none
        default:
            return index < command.arguments.count ? command.arguments[index] : .none
        }
    }
}
