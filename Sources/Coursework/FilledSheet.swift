/// What a student's sheet says: its header fields and the text after each `Answer:`.
public struct FilledSheet: Sendable {
    public static let headerKeys = ["set", "student", "seed", "questions", "fingerprint"]

    public let header: [String: String]
    /// Question number -> the answer text (empty when left blank).
    public let answers: [Int: String]

    /// Reads Markdown: `- key: value` lines before the first `## Q` heading, then per
    /// `## Qn` section the first `Answer:` line outside code blocks (or, when that line is
    /// empty, the next line of text). `source` names the file in errors.
    public init(text: String, source: String) throws(CourseworkError) {
        var header: [String: String] = [:]
        var answers: [Int: String] = [:]
        var current: Int? = nil
        var awaitingNextLine = false
        var inFence = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters()
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if let number = Self.questionNumber(line) {
                current = number
                awaitingNextLine = false
                continue
            }
            guard let question = current else {
                if line.hasPrefix("- "), let colon = line.firstIndex(of: ":") {
                    let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters().lowercased()
                    guard Self.headerKeys.contains(key) else { continue }
                    guard header[key] == nil else { throw CourseworkError("'\(source)': the header has two '- \(key):' lines") }
                    header[key] = line[line.index(after: colon)...].trimmingCharacters()
                }
                continue
            }
            if awaitingNextLine {
                if line.isEmpty { continue }
                awaitingNextLine = false
                if !line.hasPrefix("#"), !line.lowercased().hasPrefix("format:") { answers[question] = line }
                continue
            }
            guard answers[question] == nil, let rest = Self.answerText(line) else { continue }
            answers[question] = rest
            awaitingNextLine = rest.isEmpty
        }
        for key in Self.headerKeys where header[key] == nil {
            throw CourseworkError("'\(source)' is not an explore exercise sheet: its header has no '- \(key):' line (make one with 'explore exercise new')")
        }
        self.header = header
        self.answers = answers
    }

    /// `## Q12. ...` -> 12.
    static func questionNumber(_ line: String) -> Int? {
        guard line.hasPrefix("#") else { return nil }
        let rest = line.drop(while: { $0 == "#" || $0 == " " })
        guard rest.first == "Q" || rest.first == "q" else { return nil }
        let digits = rest.dropFirst().prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        return Int(digits)
    }

    /// The text after `Answer:` (also `**Answer:**`), nil for any other line.
    static func answerText(_ line: String) -> String? {
        let label = line.drop(while: { $0 == "*" || $0 == "_" })
        guard label.lowercased().hasPrefix("answer:") else { return nil }
        return label.dropFirst("answer:".count).drop(while: { $0 == "*" || $0 == "_" }).trimmingCharacters()
    }
}

extension StringProtocol {
    /// Without leading and trailing white space (and a Windows line end).
    func trimmingCharacters() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
