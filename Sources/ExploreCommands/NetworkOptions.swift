import ArgumentParser
import Exploration
import NetworkModel

/// The what-if options every command that derives shapes shares.
public struct NetworkOptions: ParsableArguments {
    @Option(help: "Side of the square input image (what-if).")
    public var inputSize: Int = NetworkConfiguration.defaultInputSize

    @Option(help: "Width of the Bottleneck layer and the embedding.")
    public var bottleneck: Int = NetworkConfiguration.defaultBottleneck

    @Option(name: .customLong("padding"), help: ArgumentHelp("Override a layer's padding, e.g. Conv2d_2b_3x3=VALID (repeatable).", valueName: "LAYER=SAME|VALID"))
    public var paddingOverrides: [PaddingOverride] = []

    public init() {}

    public var configuration: NetworkConfiguration {
        NetworkConfiguration(
            inputSize: inputSize,
            bottleneck: bottleneck,
            paddingOverrides: Dictionary(paddingOverrides.map { ($0.layer, $0.padding) }, uniquingKeysWith: { _, last in last })
        )
    }

    public func validate() throws {
        do { try configuration.validate() } catch { throw ValidationError(FailureMessage.line(error)) }
        // A --padding that names no windowed layer is a mistyped option, told as one.
        do {
            _ = try Network.faceNet(configuration)
        } catch {
            throw ValidationError(FailureMessage.line(error))
        }
    }
}

/// `LAYER=SAME|VALID`.
public struct PaddingOverride: ExpressibleByArgument, Sendable {
    public let layer: String
    public let padding: Padding

    public init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let padding = Padding(caseInsensitive: parts[1]) else { return nil }
        self.layer = parts[0]
        self.padding = padding
    }
}
