#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a session writes: the terminal (errors to standard error) or a string (tests).
public protocol OutputSink: AnyObject {
    /// Ordinary output, written as given (callers add the newlines).
    func write(_ text: String)
    /// One line naming what is wrong.
    func error(_ line: String)
}

extension OutputSink {
    /// Writes `text` and a newline.
    public func line(_ text: String = "") { write(text + "\n") }

    /// Long output (a table): through a pager at a terminal, written as given elsewhere.
    public func page(_ text: String) {
        if !(self is StandardStreams) || !Terminal.page(text) { write(text) }
    }

    /// Columns to fit tables to: the terminal's for standard output, nil (full width) elsewhere.
    public var columns: Int? { self is StandardStreams && Terminal.isStandardOutput ? Terminal.columns() : nil }
}

/// Standard output for results, standard error for errors, both unbuffered so that a
/// scripted session with both streams in one file reads in order.
public final class StandardStreams: OutputSink {
    public init() {}

    public func write(_ text: String) { Self.write(text, to: STDOUT_FILENO) }

    public func error(_ line: String) { Self.write(line + "\n", to: STDERR_FILENO) }

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Collects everything, errors inline, as a transcript test compares it.
public final class StringSink: OutputSink {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) { self.text += text }
    public func error(_ line: String) { text += line + "\n" }
}
