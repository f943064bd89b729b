/// TensorFlow's two padding modes.
public enum Padding: String, Sendable, CaseIterable, Hashable {
    case same = "SAME"
    case valid = "VALID"

    /// Parses `SAME`/`VALID` in any case.
    public init?(caseInsensitive text: String) {
        self.init(rawValue: text.uppercased())
    }
}
