import Exploration
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read-eval-print loop around an `ExplorerSession`: libedit at a terminal, plain lines
/// (echoed after the prompt, so the output reads as a transcript) from a pipe or a file.
public enum ExplorerREPL {
    /// `~/.inception_explorer_history`, or nil without a home directory.
    public static var defaultHistoryPath: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.inception_explorer_history"
    }

    /// Runs the REPL on standard input until `quit` or end of input; returns the exit status
    /// (0, or 1 when the settings given on the command line name no network).
    public static func run(settings: SessionSettings, historyPath: String? = defaultHistoryPath) -> Int32 {
        let out = StandardStreams()
        let style = Style.forStandardOutput()
        let session: ExplorerSession
        do {
            session = try ExplorerSession(settings: settings, out: out, style: style)
        } catch {
            out.error("explore: \(FailureMessage.line(error))")
            return 1
        }
        let source: LineSource
        if isatty(STDIN_FILENO) == 1 {
            Interrupt.install()
            source = EditLineSource(historyPath: historyPath, completer: Completer(layerNames: session.layerNames))
            out.line(
                style.bold("Inception Explorer") + ": FaceNet's Inception-ResNet-v2, \(session.layerNames.count) ops at "
                    + "\(settings.configuration.inputDescription). 'help' lists the commands, TAB completes, 'quit' or Ctrl-D leaves.")
        } else {
            source = PipedLineSource()
        }
        loop(session: session, source: source, out: out, style: style)
        return 0
    }

    /// Reads and executes lines until `quit` or end of input. Non-interactive sources have
    /// every line echoed after the prompt.
    public static func loop(session: ExplorerSession, source: LineSource, out: OutputSink, style: Style = .plain) {
        while true {
            let prompt = session.prompt
            let shown = style.colour ? promptColoured(prompt) : prompt
            guard let line = source.readLine(prompt: shown) else {
                if source.isInteractive { out.line() }
                return
            }
            if !source.isInteractive { out.line(prompt + line) }
            if !session.execute(line) { return }
        }
    }

    /// Colour codes wrapped in libedit's ignore markers (\u{1} ... \u{2}) so the width stays right.
    static func promptColoured(_ prompt: String) -> String {
        "\u{1}\u{1B}[1;32m\u{2}" + prompt.dropLast(2) + "\u{1}\u{1B}[0m\u{2}> "
    }
}
