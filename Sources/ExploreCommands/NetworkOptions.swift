import ArgumentParser
import Exploration
import NetworkModel

/// The what-if options every command that derives shapes shares.
public struct NetworkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input image size (what-if): a side, or HEIGHTxWIDTH for a non-square input, e.g. 330x400.", valueName: "N|HxW"))
    public var inputSize: InputSizeArgument = InputSizeArgument(Size2(square: NetworkConfiguration.defaultInputSize))

    @Option(help: "Width of the Bottleneck layer and the embedding.")
    public var bottleneck: Int = NetworkConfiguration.defaultBottleneck

    @Option(
        name: .customLong("padding"), help: ArgumentHelp("Override a layer's padding, e.g. Conv2d_2b_3x3=VALID (repeatable).", valueName: "LAYER=SAME|VALID"))
    public var paddingOverrides: [PaddingOverride] = []

    @Flag(help: "TF-Slim's align_feature_maps (what-if): the stem's and the reductions' 13 VALID windows become SAME.")
    public var alignFeatureMaps = false

    @Option(
        help: ArgumentHelp(
            "TF-Slim's output_stride (what-if): 8 gives Mixed_6a stride 1 and dilates Block17 by 2; the network then ends at Block17_20.", valueName: "8|16"))
    public var outputStride: Int = NetworkConfiguration.defaultOutputStride

    @Option(
        name: .customLong("dilation"),
        help: ArgumentHelp("Dilate a stride-1 convolution, e.g. Block17_1/Branch_1/Conv2d_0b_1x7=2 (repeatable).", valueName: "LAYER=R"))
    public var dilations: [DilationOverride] = []

    @Option(
        help: ArgumentHelp(
            "TF-Slim's final_endpoint (what-if): stop after this stem or head layer or block, e.g. Mixed_6a or PreAuxLogits.", valueName: "LAYER"))
    public var through: String?

    public init() {}

    public var configuration: NetworkConfiguration {
        NetworkConfiguration(
            input: inputSize.value,
            bottleneck: bottleneck,
            paddingOverrides: Dictionary(paddingOverrides.map { ($0.layer, $0.padding) }, uniquingKeysWith: { _, last in last }),
            alignFeatureMaps: alignFeatureMaps,
            outputStride: outputStride,
            dilations: Dictionary(dilations.map { ($0.layer, $0.rate) }, uniquingKeysWith: { _, last in last }),
            finalEndpoint: through
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

/// `160` or `330x400`: the input size (whole numbers; `NetworkOptions.validate` wants them positive).
public struct InputSizeArgument: ExpressibleByArgument, Sendable {
    public let value: Size2

    public init(_ value: Size2) { self.value = value }

    public init?(argument: String) {
        let sides = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(sides.count), let height = sides[0], let width = sides[sides.count - 1] else { return nil }
        self.value = Size2(height, width)
    }

    public var defaultValueDescription: String { value.compactDescription }
}

/// `LAYER=R`: a dilation rate for one convolution (the range is checked with the network).
public struct DilationOverride: ExpressibleByArgument, Sendable {
    public let layer: String
    public let rate: Int

    public init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let rate = Int(parts[1]) else { return nil }
        self.layer = parts[0]
        self.rate = rate
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
