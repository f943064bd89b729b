import Foundation

/// One line of a block's expected output, as the lesson writes it.
///
/// - `...` alone on a line matches any number of lines (none included);
/// - a line ending in ` (re)` is a regular expression that must match the whole actual line;
/// - any other line must equal the actual line exactly.
public enum ExpectedLine: Equatable, Sendable {
    case literal(String)
    case pattern(String)
    case wildcard

    static let wildcardText = "..."
    static let patternSuffix = " (re)"

    /// Reads one line of a block; throws when a ` (re)` line is not a valid expression.
    init(text: String) throws {
        if text == Self.wildcardText {
            self = .wildcard
        } else if text.hasSuffix(Self.patternSuffix) {
            let pattern = String(text.dropLast(Self.patternSuffix.count))
            do { _ = try NSRegularExpression(pattern: pattern) } catch {
                throw LessonError("not a valid regular expression before ' (re)': \(pattern)")
            }
            self = .pattern(pattern)
        } else {
            self = .literal(text)
        }
    }

    /// The line as the lesson writes it.
    public var text: String {
        switch self {
        case .literal(let line): line
        case .pattern(let pattern): pattern + Self.patternSuffix
        case .wildcard: Self.wildcardText
        }
    }

    /// A test of actual lines against this line (a wildcard accepts any line), with the pattern compiled once.
    func matcher() -> (String) -> Bool {
        switch self {
        case .literal(let line):
            return { $0 == line }
        case .pattern(let pattern):
            guard let expression = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return { _ in false } }
            return { actual in expression.firstMatch(in: actual, range: NSRange(actual.startIndex..., in: actual)) != nil }
        case .wildcard:
            return { _ in true }
        }
    }

    /// Whether an actual output line, written literally into a lesson, would read as a marker.
    static func readsAsMarker(_ actual: String) -> Bool {
        actual == wildcardText || actual.hasSuffix(patternSuffix) || StepStatus(line: actual) != nil
    }
}
