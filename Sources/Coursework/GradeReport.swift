import JSONText

/// The judgement of one answer.
public struct QuestionResult: Sendable {
    public let number: Int
    public let kind: ExerciseKind
    public let verdict: Verdict
    /// What the student wrote (empty when missing).
    public let given: String
    public let expected: String
    /// Why the expected answer is right (one line).
    public let reason: String
    /// The answer syntax, for unreadable answers.
    public let format: String

    public var score: Int { verdict == .right ? 1 : 0 }

    /// `right`, `wrong: expected 8x8 (...)`, `unreadable: "eight" (expected HxW, e.g. 8x8)`.
    public var message: String {
        switch verdict {
        case .right: "right"
        case .wrong: "wrong: you wrote \(given), expected \(expected) (\(reason))"
        case .unreadable: "unreadable: \"\(given)\" (form: \(format.replacingCharacters(["`": ""]))); expected \(expected)"
        case .missing: "missing: no answer; expected \(expected) (\(reason))"
        }
    }
}

/// A graded sheet: one result per question and the score.
public struct GradeReport: Sendable {
    public let source: String
    public let setName: String
    public let student: String
    public let seed: UInt64
    public let results: [QuestionResult]

    public var score: Int { results.reduce(0) { $0 + $1.score } }
    public var maxScore: Int { results.count }

    public func text() -> String {
        var lines = ["\(source): set \(setName), student \(student), seed \(seed)"]
        let width = results.map { $0.kind.rawValue.count }.max() ?? 0
        for result in results {
            let kind = result.kind.rawValue.leftAligned(width)
            lines.append("Q\(result.number) \(result.number < 10 ? " " : "")\(kind)  \(result.message)")
        }
        lines.append("score: \(score)/\(maxScore)")
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> JSONValue {
        .object([
            ("sheet", .string(source)), ("set", .string(setName)), ("student", .string(student)), ("seed", .string(String(seed))),
            ("score", .int(score)), ("max_score", .int(maxScore)),
            (
                "questions",
                .array(
                    results.map { result in
                        .object([
                            ("number", .int(result.number)), ("kind", .string(result.kind.rawValue)), ("verdict", .string(result.verdict.rawValue)),
                            ("answer", .string(result.given)), ("expected", .string(result.expected)), ("reason", .string(result.reason)),
                        ])
                    })
            ),
        ])
    }

    /// Gradescope's autograder `results.json`: one test per question, visible to the student.
    public func gradescope() -> JSONValue {
        .object([
            ("score", .int(score)), ("max_score", .int(maxScore)),
            ("output", .string("set \(setName), student \(student), seed \(seed): \(score)/\(maxScore)")),
            ("visibility", .string("visible")),
            (
                "tests",
                .array(
                    results.map { result in
                        .object([
                            ("name", .string("Q\(result.number) \(result.kind.title)")), ("number", .string(String(result.number))),
                            ("score", .int(result.score)), ("max_score", .int(1)),
                            ("output", .string(result.message)), ("visibility", .string("visible")),
                        ])
                    })
            ),
        ])
    }
}

extension String {
    /// Padded with spaces to `width` characters.
    func leftAligned(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
