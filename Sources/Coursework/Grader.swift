/// Grades a filled-in sheet by drawing its questions again from its header.
public enum Grader {
    /// Grades `text` (the sheet read from `source`). `set` replaces the built-in lookup
    /// (an instructor's own set file); `student`, when given, must be the sheet's student.
    /// Throws one line for the whole file when it cannot be graded at all.
    public static func grade(
        text: String, source: String, library: SetLibrary, set given: ExerciseSet? = nil,
        student expectedStudent: String? = nil
    ) throws(CourseworkError) -> GradeReport {
        let sheet = try FilledSheet(text: text, source: source)
        let header = sheet.header
        let student = header["student"]!
        let setName = header["set"]!
        do { try Worksheet.check(student: student) } catch {
            throw CourseworkError("'\(source)': the header's student is not valid: \(error.description)")
        }
        guard let seed = UInt64(header["seed"]!) else {
            throw CourseworkError("'\(source)': the header's seed '\(header["seed"]!.prefix(40))' is not a whole number from 0 to \(UInt64.max)")
        }
        guard let count = Int(header["questions"]!), ExerciseSet.limits.count.contains(count) else {
            throw CourseworkError(
                "'\(source)': the header's question count '\(header["questions"]!.prefix(40))' is not from 1 to \(ExerciseSet.limits.count.upperBound)")
        }
        if let expectedStudent, expectedStudent != student {
            throw CourseworkError("'\(source)' is the sheet of student '\(student)', not '\(expectedStudent)': grade each student's own sheet")
        }
        let set: ExerciseSet
        if let given {
            guard given.name == setName else {
                throw CourseworkError("'\(source)' was made from set '\(setName)', but the set file given is '\(given.name)'")
            }
            set = given
        } else {
            set = try library.resolve(setName)
        }
        let worksheet = try Worksheet(set: set, student: student, seed: seed, count: count)
        guard worksheet.fingerprint == header["fingerprint"] else {
            throw CourseworkError(
                "'\(source)': fingerprint mismatch: set \(setName), student \(student), seed \(seed) and \(count) questions do not make this sheet; its header or the set file was edited since it was made, so it is not graded\(given == nil ? " (made from your own set file? pass it with --set)" : "")"
            )
        }
        let results = worksheet.questions.map { question in
            let given = sheet.answers[question.number] ?? ""
            return QuestionResult(
                number: question.number, kind: question.kind, verdict: question.expected.judge(given),
                given: given, expected: question.expected.text, reason: question.reason, format: question.expected.format)
        }
        return GradeReport(source: source, setName: setName, student: student, seed: seed, results: results)
    }
}
