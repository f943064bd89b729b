import CEditLine
import CInterrupt

/// Ctrl-C at a terminal: cancels the line being typed, or stops a run before its next op.
/// Only the interactive REPL installs the handler; scripts keep the default (Ctrl-C ends them).
public enum Interrupt {
    /// Installs the SIGINT handler and makes libedit read through a getc that returns on Ctrl-C.
    public static func install() {
        ci_install_handler()
        ce_read_through(ci_getc)
    }

    /// Whether Ctrl-C was pressed since the last call.
    public static func take() -> Bool { ci_take() != 0 }
}
