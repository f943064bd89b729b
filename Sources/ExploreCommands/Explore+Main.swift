import ArgumentParser
import Exploration
import GEMM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Explore {
    /// Parses the process arguments and runs the command. This is the one place where a
    /// failure becomes words and an exit status: one line on standard error (`explore: ...`),
    /// with a pointer to the help for a mistyped command line, never the whole usage text;
    /// help goes to standard output.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        // The thread count is read from the environment once, by the first parallel loop:
        // a value that is not one stops here, before anything runs.
        if let problem = ThreadSetting.environmentProblem {
            writeStandardError("explore: \(FailureMessage.oneLine(problem))\n")
            terminate(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(withError: nil)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)  // --help, --version: ArgumentParser prints them; an exit status says all
            }
            // Usage mistakes (status 64) are ArgumentParser's; everything else keeps its own words.
            let isUsage = code == .validationFailure
            let line = isUsage ? FailureMessage.oneLine(message(for: error)) : FailureMessage.line(error)
            let hint = isUsage ? helpHint(for: arguments ?? Array(CommandLine.arguments.dropFirst())) : ""
            writeStandardError("explore: \(line)\(hint)\n")
            terminate(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    /// ` (see 'explore pad --help')` for parse errors, so the fix is one command away.
    private static func helpHint(for arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let sub = arguments.first(where: { names.contains($0) })
        return " (see 'explore\(sub.map { " \($0)" } ?? "") --help')"
    }
}

/// A failure that only the command line can have (a flag combination, a file it would
/// overwrite): it already names what is at fault.
public struct ExploreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Ends the process with `status` (the C library's exit, which ArgumentParser's `exit` hides).
private func terminate(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}

/// Writes `text` to standard error (file descriptor 2) unbuffered.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// A warning that does not stop the command: `explore: warning: ...` on standard error.
func warn(_ line: String) {
    writeStandardError("explore: warning: \(FailureMessage.oneLine(line))\n")
}
