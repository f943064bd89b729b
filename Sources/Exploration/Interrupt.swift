import CInterrupt

/// Ctrl-C at a terminal: stops a run before its next op. Only the interactive REPL installs
/// the handler (`Interrupt.install()`); elsewhere Ctrl-C ends the process as usual.
public enum Interrupt {
    /// Whether Ctrl-C was pressed since the last call.
    public static func take() -> Bool { ci_take() != 0 }
}
