import Exploration
import NetworkModel

/// A typed line: parsed into a `SessionCommand`, then one call on the session. `execute(_:)`
/// never throws: every failure becomes one error line and the session stays consistent.
extension ExplorerSession {
    /// Runs one line; false when the line asks to quit. Blank lines and `#` comments do nothing.
    @discardableResult
    public func execute(_ line: String) -> Bool {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return true }
        do {
            let command = try CommandParser.parse(String(trimmed))
            if command == .quit { return false }
            try perform(command)
        } catch {
            out.error("error: \(FailureMessage.line(error))")
        }
        return true
    }

    func perform(_ command: SessionCommand) throws {
        switch command {
        case .help(let topic): try help(topic)
        case .whereAmI: whereAmI()
        case .step(let count): try step(count)
        case .next(let count): try next(count)
        case .continueRun: try continueRun()
        case .runTo(let layer): try run(to: layer)
        case .breakAt(let layer): try breakAt(layer)
        case .delete(let layer): try delete(layer)
        case .back(let count): back(count)
        case .reset: reset()
        case .inspect(let layer): try inspect(layer)
        case .show(let layer, let channel, let png, let force): try show(layer, channel: channel, png: png, force: force)
        case .table(let format, let language, let pattern, let only): try table(format: format, language: language, pattern: pattern, only: only)
        case .set(let setting): try set(setting)
        case .verify: try verify()
        case .render(let expand, let force, let png): try render(expand: expand, force: force, png: png)
        case .time(let block): try time(block)
        case .quiz(let answer): try quiz(answer)
        case .quit: break
        }
    }

    /// `help`: the command list, or one command's usage and details.
    func help(_ topic: String?) throws {
        guard let topic else {
            out.line(style.bold("commands") + " (TAB completes commands and layer names; 'help COMMAND' for details):")
            for info in CommandCatalog.commands {
                let aliases = info.aliases.isEmpty ? "" : style.dim(" (" + info.aliases.joined(separator: ", ") + ")")
                let usage = info.usage.count > 30 ? info.name : info.usage
                out.line("  " + usage + String(repeating: " ", count: max(1, 32 - usage.count)) + info.summary + aliases)
            }
            return
        }
        guard let info = CommandCatalog.command(named: topic) else {
            let suggestions = CommandCatalog.suggestions(for: topic)
            let hint = suggestions.isEmpty ? "" : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "? "
            throw CommandError("help: no command '\(topic)': \(hint)'help' lists them")
        }
        out.line(style.bold(info.usage) + (info.aliases.isEmpty ? "" : "   (also: " + info.aliases.joined(separator: ", ") + ")"))
        out.line("  " + info.summary)
        if !info.details.isEmpty { out.line("  " + info.details) }
    }

}
