/// One question of a sheet: what is asked, the right answer and how it is worked out.
public struct Question: Sendable {
    /// 1-based position on the sheet.
    public let number: Int
    public let kind: ExerciseKind
    public let spec: QuestionSpec
    /// The question text (Markdown, one paragraph).
    public let prompt: String
    public let expected: ExpectedAnswer
    /// One line: why the expected answer is right.
    public let reason: String
    /// The key's worked arithmetic.
    public let worked: [String]
}
