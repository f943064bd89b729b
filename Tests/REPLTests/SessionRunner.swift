import Exploration
import NetworkModel

@testable import REPL

/// Runs a script through a session in this process, as the REPL loop does for piped input.
enum SessionRunner {
    static func run(_ script: String, settings: SessionSettings = SessionSettings()) throws -> String {
        let sink = StringSink()
        let session = try ExplorerSession(settings: settings, out: sink)
        ExplorerREPL.loop(session: session, source: ScriptLineSource(script), out: sink)
        return sink.text
    }
}
