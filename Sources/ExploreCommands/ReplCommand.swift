import ArgumentParser
import Exploration
import REPL

/// `explore repl` (and `explore` alone): the interactive explorer. `explore help repl`
/// prints its explanation and its command list, taken from the REPL's own catalog.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive explorer: step through the network op by op, inspect outputs, try what-ifs (also what 'explore' alone starts).",
        discussion: ReplHelp.discussion
    )

    func run() async throws {
        let status = ExplorerREPL.run(settings: SessionSettings())
        if status != 0 { throw ExitCode(status) }
    }
}

/// The REPL explained for `--help`: how to start it, what it keeps, and every command.
enum ReplHelp {
    static var discussion: String {
        let intro = """
            'explore' with no subcommand, or 'explore repl', starts a session on standard input: at a terminal with \
            line editing, history (~/.inception_explorer_history) and TAB completion of commands and layer names; from \
            a pipe or a file it reads one command per line and echoes each after the prompt, so the output reads as a \
            transcript (for example: printf 'step 3\\ninspect\\n' | explore). The session keeps every output it computed, \
            so 'back', 'inspect' and 'show' cost nothing; what-ifs ('set input-size 299', 'set padding Mixed_6a \
            SAME') re-derive every shape and restart the run. Settings start at the defaults of the other commands and \
            change only with 'set'.
            """
        let lines = CommandCatalog.commands.flatMap { info in
            let usage = info.usage.count > 22 ? info.name + " ..." : info.usage
            return hanging(usage.padding(toLength: 22, withPad: " ", startingAt: 0) + info.summary, indent: 22)
        }
        return intro + "\n\nCommands (inside the REPL, 'help COMMAND' explains one):\n" + lines.joined(separator: "\n")
    }

    /// `text` broken at spaces into lines of at most `width` characters, continuations indented,
    /// so ArgumentParser (which wraps at 80 without indenting) leaves the columns intact.
    static func hanging(_ text: String, indent: Int, width: Int = 78) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.count + 1 + word.count > width, current.count > indent {
                lines.append(current)
                current = String(repeating: " ", count: indent) + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        return lines + [current]
    }
}
