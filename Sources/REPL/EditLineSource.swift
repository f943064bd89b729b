import CEditLine
import Exploration

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Completion state libedit's C callbacks read: libedit has one line editor per process.
private nonisolated(unsafe) var activeCompleter: Completer? = nil
private nonisolated(unsafe) var pendingMatches: [String] = []

/// Terminal input through libedit's readline interface: line editing, history kept in a
/// file, and TAB completion of command and layer names.
public final class EditLineSource: LineSource {
    private let historyPath: String?
    public var completer: Completer {
        didSet { activeCompleter = completer }
    }

    /// `historyPath` is read now and appended to after every line; nil keeps no history.
    public init(historyPath: String?, completer: Completer) {
        self.historyPath = historyPath
        self.completer = completer
        activeCompleter = completer
        using_history()
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
        ce_set_attempted_completion { text, start, _ in
            guard let completer = activeCompleter else { return nil }
            let word = text.map { String(cString: $0) } ?? ""
            let line = ce_line_buffer().map { String(cString: $0) } ?? ""
            let before = String(line.utf8.prefix(Int(start))) ?? ""
            guard let candidates = completer.candidates(before: before, word: word) else {
                return nil  // libedit falls back to file names
            }
            ce_set_attempted_completion_over(1)
            guard !candidates.isEmpty else { return nil }
            pendingMatches = candidates
            return rl_completion_matches(text) { _, state in
                if state == 0 { /* first call: the list is already in place */  }
                guard !pendingMatches.isEmpty else { return nil }
                return strdup(pendingMatches.removeFirst())
            }
        }
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> String? {
        _ = Interrupt.take()
        guard let raw = CEditLine.readline(prompt) else {
            // Ctrl-C may make readline return without a line: a fresh prompt, not the end.
            return Interrupt.take() ? "" : nil
        }
        defer { free(raw) }
        if Interrupt.take() { return "" }  // Ctrl-C ended the line: drop it
        let line = String(cString: raw)
        if line.contains(where: { !$0.isWhitespace }) {
            add_history(line)
            if let historyPath { _ = write_history(historyPath) }
        }
        return line
    }
}
