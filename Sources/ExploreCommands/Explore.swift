import ArgumentParser

/// `explore`: the root command. With no subcommand it starts the REPL.
public struct Explore: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Step through FaceNet's Inception-ResNet-v2, layer by layer, with real shapes and numbers.",
        subcommands: [
            TableCommand.self,
            PadCommand.self,
            WeightsCommand.self,
            AuditCommand.self,
        ]
    )

    public init() {}
}
