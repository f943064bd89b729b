/// How a command ended: its exit status, a signal, or the timeout.
public enum StepStatus: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut(seconds: Double)

    /// Reads a `[N]` status line (cram's notation for a non-zero exit status).
    init?(line: String) {
        guard line.hasPrefix("["), line.hasSuffix("]"), line.count > 2,
            let code = Int32(line.dropFirst().dropLast()), code != 0, String(code) == line.dropFirst().dropLast()
        else { return nil }
        self = .exited(code)
    }

    /// The line a lesson shows for this status: none for 0, `[N]` otherwise.
    var line: String? {
        switch self {
        case .exited(0): nil
        case .exited(let code): "[\(code)]"
        case .signalled(let signal): "[killed by signal \(signal)]"
        case .timedOut(let seconds): "[timed out after \(Int(seconds)) s]"
        }
    }

    /// A crash or a timeout: never something a lesson may record.
    var isCrash: Bool {
        if case .exited = self { return false }
        return true
    }
}
