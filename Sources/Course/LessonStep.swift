/// One `$ explore ...` command of a console block, with the output the lesson expects.
public struct LessonStep: Equatable, Sendable {
    /// 1-based line of the `$ explore` line in the lesson file.
    public let line: Int
    /// The command as written after `$ ` (without the heredoc body).
    public let commandText: String
    /// The arguments after `explore`.
    public let arguments: [String]
    /// Standard input from a heredoc (`$ explore <<'EOF'` then `> ` lines up to `> EOF`), or nil.
    public let input: String?
    /// The expected output lines: standard output, then standard error.
    public let expected: [ExpectedLine]
    /// The expected exit status: 0 unless the output ends with a `[N]` line.
    public let expectedStatus: Int32
    /// 0-based line indices in the file of the expected output, status line included (for `update`).
    public let outputLines: Range<Int>
}

/// A fenced ```console block: one or more commands and their expected output.
public struct ConsoleBlock: Equatable, Sendable {
    /// 1-based line of the opening fence.
    public let line: Int
    public let steps: [LessonStep]
}
