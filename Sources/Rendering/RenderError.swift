/// Why a diagram could not be laid out, rendered or written.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// Graphviz could not create its context (plugins missing?).
    case noContext
    /// The DOT text did not parse; carries Graphviz's message.
    case syntax(String)
    /// Layout failed; carries Graphviz's message.
    case layout(String)
    /// The renderer for `format` failed or is not installed.
    case render(format: String, message: String)
    /// The file could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .noContext:
            "Graphviz could not start: is libgraphviz-dev (libgvc6 and its plugins) installed? run scripts/setup.sh"
        case .syntax(let message):
            "Graphviz rejected the DOT text: \(message)"
        case .layout(let message):
            "Graphviz could not lay out the graph: \(message)"
        case .render(let format, let message):
            "Graphviz could not render \(format): \(message.isEmpty ? "no renderer for this format (is libgvc6 with its cairo plugin installed?)" : message)"
        case .write(let path, let reason):
            "cannot write '\(path)': \(reason)"
        }
    }
}
