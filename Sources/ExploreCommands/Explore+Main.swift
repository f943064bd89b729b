import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Explore {
    /// Parses the process arguments and runs the command. Errors are printed as one line on
    /// standard error (`explore: ...`) with a hint, never with the whole usage text; help
    /// goes to standard output.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
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
            if code == .success {
                exit(withError: error)   // --help, --version: ArgumentParser prints them
            }
            let line = message(for: error).split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }.joined(separator: " ")
            let hint = error is ExploreError ? "" : helpHint(for: arguments ?? Array(CommandLine.arguments.dropFirst()))
            writeStandardError("explore: \(line)\(hint)\n")
            Glibc.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    /// ` (see 'explore pad --help')` for parse errors, so the fix is one command away.
    private static func helpHint(for arguments: [String]) -> String {
        let names = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let sub = arguments.first(where: { names.contains($0) })
        return " (see 'explore\(sub.map { " \($0)" } ?? "") --help')"
    }
}

/// A failure of a command that already names what is at fault; printed as is.
public struct ExploreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Writes `text` to standard error (file descriptor 2) unbuffered.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
