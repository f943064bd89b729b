/// Where the REPL's commands come from.
public protocol LineSource: AnyObject {
    /// The next line without its newline, or nil at end of input.
    func readLine(prompt: String) -> String?
    /// Whether a person types at a terminal (prompts shown, no echo needed).
    var isInteractive: Bool { get }
}

/// Lines from standard input when it is a pipe or a file: no prompt, no editing.
public final class PipedLineSource: LineSource {
    public init() {}

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}

/// Lines from a list (tests).
public final class ScriptLineSource: LineSource {
    private var lines: [String]

    public init(_ script: String) {
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    public var isInteractive: Bool { false }

    public func readLine(prompt: String) -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
