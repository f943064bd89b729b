import CGraphviz
import Synchronization

/// Graphviz in process: DOT text -> layout (`dot` engine) -> rendered bytes.
///
/// Graphviz keeps global state (error hooks, plugin tables), so every call holds
/// one process-wide lock; concurrent callers (parallel tests) take turns.
public enum Graphviz {
    private static let lock = Mutex<Void>(())

    /// Graphviz's messages during the current call (read and written under `lock` only).
    nonisolated(unsafe) private static var messages: [String] = []

    /// Lays out `dot` with the `dot` engine and renders it as `format`.
    /// `.dot` returns the text unchanged (the source, not laid out).
    public static func render(dot: String, format: RenderFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(dot.utf8) }
        return try lock.withLock { _ throws(RenderError) -> [UInt8] in
            try renderLocked(dot: dot, format: format.rawValue)
        }
    }

    /// Seconds spent in layout and rendering of the last call, for measurements.
    public static func timedRender(dot: String, format: RenderFormat) throws(RenderError) -> (bytes: [UInt8], layoutSeconds: Double, renderSeconds: Double) {
        if format == .dot { return (Array(dot.utf8), 0, 0) }
        return try lock.withLock { _ throws(RenderError) in
            var layout = 0.0
            var render = 0.0
            let bytes = try renderLocked(dot: dot, format: format.rawValue, layoutSeconds: &layout, renderSeconds: &render)
            return (bytes, layout, render)
        }
    }

    private static func renderLocked(dot: String, format: String) throws(RenderError) -> [UInt8] {
        var layout = 0.0
        var render = 0.0
        return try renderLocked(dot: dot, format: format, layoutSeconds: &layout, renderSeconds: &render)
    }

    private static func renderLocked(dot: String, format: String, layoutSeconds: inout Double, renderSeconds: inout Double) throws(RenderError) -> [UInt8] {
        messages = []
        let previousHook = agseterrf { text in
            if let text { Graphviz.messages.append(String(cString: text).trimmingWhitespace) }
            return 0
        }
        defer { agseterrf(previousHook) }
        agreseterrors()

        guard let context = gvContext() else { throw .noContext }
        defer { gvFreeContext(context) }
        guard let graph = dot.withCString({ agmemread($0) }) else { throw .syntax(collectedMessages) }
        defer { agclose(graph) }

        let layoutStart = ContinuousClock.now
        guard gvLayout(context, graph, "dot") == 0 else { throw .layout(collectedMessages) }
        defer { gvFreeLayout(context, graph) }
        layoutSeconds = (ContinuousClock.now - layoutStart).seconds

        let renderStart = ContinuousClock.now
        var data: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format, &data, &length) == 0, let data else {
            throw .render(format: format, message: collectedMessages)
        }
        defer { gvFreeRenderData(data) }
        renderSeconds = (ContinuousClock.now - renderStart).seconds
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// Graphviz's errors (not its warnings) of the current call, on one line.
    private static var collectedMessages: String {
        messages.filter { !$0.isEmpty && !$0.hasPrefix("Warning") }.joined(separator: "; ")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
