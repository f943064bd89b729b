import Tensors

/// One student's sheet: a pure function of (set, student, seed, count).
public struct Worksheet: Sendable {
    public let set: ExerciseSet
    public let student: String
    public let seed: UInt64
    public let questions: [Question]

    /// Draws the questions. Question `n` depends only on (set, student, seed, n), so a longer
    /// sheet starts with the same questions as a shorter one.
    public init(set: ExerciseSet, student: String, seed: UInt64, count: Int? = nil) throws(CourseworkError) {
        try Self.check(student: student)
        let total = count ?? set.count
        guard ExerciseSet.limits.count.contains(total) else {
            throw CourseworkError("--count must be from \(ExerciseSet.limits.count.lowerBound) to \(ExerciseSet.limits.count.upperBound), got \(total)")
        }
        let base = FNV1a.hash("explore exercise v1\n\(set.canonical)\n\(student)\n\(seed)")
        var questions: [Question] = []
        for index in 0..<total {
            let kind = set.kinds[index % set.kinds.count]
            var draw = QuestionDraw(set: set, random: SplitMix64(seed: base &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03))
            var spec = draw.spec(for: kind)
            var solution = Solution.solve(kind, spec)
            for _ in 0..<32 where solution == nil {
                spec = draw.spec(for: kind)
                solution = Solution.solve(kind, spec)
            }
            if solution == nil {
                spec = QuestionDraw.fallback(for: kind)
                solution = Solution.solve(kind, spec)
            }
            guard let solution else { throw CourseworkError("cannot draw question \(index + 1) (\(kind.rawValue)) from set '\(set.name)'") }
            questions.append(
                Question(
                    number: index + 1, kind: kind, spec: spec, prompt: solution.prompt, expected: solution.expected,
                    reason: solution.reason, worked: solution.worked))
        }
        self.set = set
        self.student = student
        self.seed = seed
        self.questions = questions
    }

    /// A student id is one short word: it is written into the sheet's header.
    static func check(student: String) throws(CourseworkError) {
        guard (1...64).contains(student.count), student.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.@+".contains($0)) }) else {
            throw CourseworkError("student id '\(student.prefix(80))' must be 1 to 64 letters, digits or - _ . @ +")
        }
    }

    /// Checksum of everything that determines the questions, and of the questions themselves.
    public var fingerprint: String {
        FNV1a.hex(
            (["sheet v1", set.canonical, student, String(seed), String(questions.count)] + questions.map { "\($0.kind.rawValue): \($0.prompt)" })
                .joined(separator: "\n"))
    }

    /// The sheet as Markdown; with `key`, every answer filled in and worked out (the key is
    /// itself a filled-in sheet, so grading it gives full marks).
    public func markdown(key: Bool = false) -> String {
        var lines = [
            "# \(set.title)\(key ? " (answer key)" : "")",
            "",
            "- set: \(set.name)",
            "- student: \(student)",
            "- seed: \(seed)",
            "- questions: \(questions.count)",
            "- fingerprint: \(fingerprint)",
            "",
            key
                ? "This is the answer key: every answer is filled in and worked out below it. Grading it gives full marks."
                : "Write each answer after `Answer:` on the same line. Keep the lines above as they are: they identify your sheet. Case, spaces and the order of a list do not matter; the format line under each question shows what is read.",
        ]
        for question in questions {
            lines += [
                "", "## Q\(question.number). \(question.kind.title) (\(question.kind.rawValue))", "", question.prompt, "",
                "Format: \(question.expected.format)", "", "Answer: \(key ? question.expected.text : "")",
            ]
            if key {
                // An indented code block: no fence lines, so a key can be quoted inside another fence.
                lines += [""] + question.worked.map { $0.isEmpty ? "" : "    " + $0 }
            }
        }
        return lines.map { $0.hasSuffix(" ") ? String($0.dropLast()) : $0 }.joined(separator: "\n") + "\n"
    }
}
