import CEditLine
import CInterrupt
import Exploration

extension Interrupt {
    /// Installs the SIGINT handler and makes libedit read through a getc that returns on Ctrl-C,
    /// so Ctrl-C cancels the line being typed.
    public static func install() {
        ci_install_handler()
        ce_read_through(ci_getc)
    }
}
