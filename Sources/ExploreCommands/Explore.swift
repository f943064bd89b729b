import ArgumentParser
import Exploration
import REPL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `explore`: the root command. With no subcommand it starts the REPL.
public struct Explore: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Step through FaceNet's Inception-ResNet-v2, layer by layer, with real shapes and numbers.",
        discussion:
            "Run 'explore' alone (or 'explore repl') for the interactive explorer: step op by op, inspect, try what-ifs; 'explore help repl' explains it. The subcommands below answer one question each.",
        subcommands: [
            TableCommand.self,
            PadCommand.self,
            WeightsCommand.self,
            AuditCommand.self,
            RenderCommand.self,
            BenchCommand.self,
            PassesCommand.self,
            VerifyCommand.self,
            RunCommand.self,
            StepCommand.self,
            ExerciseCommand.self,
            LessonCommand.self,
            SweepCommand.self,
            WindowsCommand.self,
            ReplCommand.self,
        ]
    )

    public init() {}

    /// No subcommand: the REPL, on standard input (a terminal, or a script piped in).
    /// It takes no options (ArgumentParser would apply root options to every subcommand);
    /// settings are changed inside with `set`.
    public mutating func run() async throws {
        let status = ExplorerREPL.run(settings: SessionSettings())
        if status != 0 { throw ExitCode(status) }
    }
}
