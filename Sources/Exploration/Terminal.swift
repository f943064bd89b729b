#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal standard output is attached to: its size, and a pager for long output.
public enum Terminal {
    /// Whether standard output is a terminal (not a pipe, a file or a test's capture).
    public static var isStandardOutput: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns to fit text to: `$COLUMNS` when set to a number, else the terminal's width
    /// (ioctl TIOCGWINSZ) when standard output is one; nil for pipes and files (full width).
    public static func columns(environment: [String: String] = currentEnvironment()) -> Int? {
        if let text = environment["COLUMNS"], let value = Int(text), (20...10_000).contains(value) { return value }
        return size()?.columns
    }

    /// Rows and columns of the terminal on standard output, if it is one.
    static func size() -> (rows: Int, columns: Int)? {
        guard isStandardOutput else { return nil }
        var size = winsize()
        #if canImport(Glibc)
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        #else
        guard ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 else { return nil }
        #endif
        guard size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// The process environment as a dictionary.
    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") { result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...]) }
            pointer += 1
        }
        return result
    }

    /// Shows `text` through `$PAGER` (else `less -FRX`) when both standard input and output are
    /// a terminal and the text is taller than it; returns false when it did not page (the
    /// caller writes the text itself). A pager that cannot start, or quits early, never ends
    /// the process: SIGPIPE is ignored while it runs.
    public static func page(_ text: String) -> Bool {
        guard isatty(STDIN_FILENO) == 1, let size = size() else { return false }
        guard text.reduce(0, { $1 == "\n" ? $0 + 1 : $0 }) >= size.rows - 1 else { return false }
        let pager = currentEnvironment()["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        guard let pipe = popen(pager, "w") else { return false }
        fputs(text, pipe)
        pclose(pipe)
        return true
    }
}
