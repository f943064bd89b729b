/// How one answer was judged.
public enum Verdict: String, Sendable, Hashable {
    case right
    case wrong
    /// The text could not be read as an answer of the asked form.
    case unreadable
    /// No answer was written.
    case missing
}
