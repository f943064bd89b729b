/// The file formats `explore render` writes.
public enum RenderFormat: String, CaseIterable, Sendable {
    /// Scalable vector graphics, laid out by Graphviz's `dot`.
    case svg
    /// A bitmap through Graphviz's cairo renderer.
    case png
    /// A vector PDF through Graphviz's cairo renderer.
    case pdf
    /// The DOT text itself, as DiagramModel wrote it (not laid out).
    case dot

    /// The format named by a file's extension (`overview.png` -> `.png`), if any.
    public init?(pathExtensionOf path: String) {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        self.init(rawValue: last[last.index(after: dot)...].lowercased())
    }

    /// `svg, png, pdf, dot`.
    public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
