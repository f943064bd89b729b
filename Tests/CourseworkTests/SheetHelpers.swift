import Coursework
import NetworkModel

/// Building, filling and grading sheets in tests.
enum SheetHelpers {
    static let noLibrary = SetLibrary(directory: nil)

    /// A set asking only `kind`, with the default ranges.
    static func single(_ kind: ExerciseKind) -> ExerciseSet {
        ExerciseSet(name: "only-\(kind.rawValue)", title: "Only \(kind.title)", count: 2, kinds: [kind])
    }

    /// The sheet's Markdown with `answers[n]` written on question n's `Answer:` line.
    static func fill(_ markdown: String, _ answers: [Int: String]) -> String {
        var question = 0
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("## Q"), let number = Int(line.dropFirst(4).prefix(while: \.isNumber)) { question = number }
            if line.hasPrefix("Answer:"), let answer = answers[question] { return "Answer: \(answer)" }
            return String(line)
        }.joined(separator: "\n")
    }

    static func grade(_ text: String, set: ExerciseSet, student: String? = nil) throws -> GradeReport {
        try Grader.grade(text: text, source: "sheet.md", library: noLibrary, set: set, student: student)
    }
}
