/// A unified diff of a command's expected output against what it printed: `-` lines the lesson
/// expects and did not get, `+` lines printed and not expected, three lines of context.
/// Expected lines are numbered as lines of the lesson file, actual lines from 1.
struct StepDiff {
    private struct Row {
        let mark: Character
        let text: String
        let expectedLine: Int?
        let actualLine: Int?
    }

    static let context = 3

    /// The diff text, or nil when the output matches.
    static func text(file: String, step: LessonStep, output: StepOutput) -> String? {
        let expected = step.expected
        let actual = output.lines
        let alignment = OutputAlignment(expected: expected, actual: actual)
        // The status is compared on its own, so that a '...' cannot swallow a failure's [N].
        let expectedStatus = step.expectedStatus == 0 ? nil : "[\(step.expectedStatus)]"
        let actualStatus = output.status.line
        guard alignment.cost > 0 || expectedStatus != actualStatus else { return nil }
        let firstLine = step.outputLines.lowerBound + 1
        var rows: [Row] = []
        for operation in alignment.operations {
            switch operation {
            case .same(let e, let a):
                rows.append(Row(mark: " ", text: expected[e].text, expectedLine: firstLine + e, actualLine: a + 1))
            case .wildcard(let e, let range):
                rows.append(Row(mark: " ", text: expected[e].text, expectedLine: firstLine + e, actualLine: range.isEmpty ? nil : range.lowerBound + 1))
            case .removed(let e):
                rows.append(Row(mark: "-", text: expected[e].text, expectedLine: firstLine + e, actualLine: nil))
            case .added(let a):
                rows.append(Row(mark: "+", text: actual[a], expectedLine: nil, actualLine: a + 1))
            }
        }
        let statusExpectedLine = firstLine + expected.count
        let statusActualLine = actual.count + 1
        if expectedStatus == actualStatus, let line = expectedStatus {
            rows.append(Row(mark: " ", text: line, expectedLine: statusExpectedLine, actualLine: statusActualLine))
        } else {
            if let line = expectedStatus { rows.append(Row(mark: "-", text: line, expectedLine: statusExpectedLine, actualLine: nil)) }
            if let line = actualStatus { rows.append(Row(mark: "+", text: line, expectedLine: nil, actualLine: statusActualLine)) }
        }
        var text = "--- \(file):\(step.line) (expected)\n+++ $ \(step.commandText) (actual)\n"
        var index = 0
        while let change = rows[index...].firstIndex(where: { $0.mark != " " }) {
            let start = max(change - context, index)
            var end = change
            // Extend the hunk while the next change is within two contexts.
            while let next = rows[(end + 1)...].firstIndex(where: { $0.mark != " " }), next - end <= 2 * context { end = next }
            end = min(end + context, rows.count - 1)
            let hunk = rows[start...end]
            let oldStart = hunk.first(where: { $0.expectedLine != nil })?.expectedLine ?? firstLine
            let newStart = hunk.first(where: { $0.actualLine != nil })?.actualLine ?? 1
            let oldCount = hunk.filter { $0.mark != "+" }.count
            let newCount = hunk.filter { $0.mark != "-" }.count
            text += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for row in hunk { text += "\(row.mark)\(row.text)\n" }
            index = end + 1
            if index >= rows.count { break }
        }
        return text
    }
}
