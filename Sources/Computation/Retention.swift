/// Which layer outputs the interpreter keeps once no later layer needs them.
public enum Retention: Sendable, Equatable {
    /// Keep every output (lessons, golden comparisons, the REPL).
    case all
    /// Free each output as soon as no later layer reads it; the last layer's output stays.
    case needed
    /// As `.needed`, but also keep the outputs of these layers.
    case names(Set<String>)

    func keeps(_ name: String) -> Bool {
        switch self {
        case .all: true
        case .needed: false
        case .names(let names): names.contains(name)
        }
    }
}
