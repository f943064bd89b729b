/// The parameters of the declared network: the what-if knobs.
public struct NetworkConfiguration: Hashable, Sendable {
    /// Height and width of the input image (160x160 for FaceNet, 299x299 in the paper).
    public var input: Size2
    /// Width of the Bottleneck layer and so of the embedding.
    public var bottleneck: Int
    /// Layer name -> padding mode replacing the declared one.
    public var paddingOverrides: [String: Padding]
    /// TF-Slim's `align_feature_maps`: the stem's and the reductions' VALID windows become SAME.
    public var alignFeatureMaps: Bool
    /// TF-Slim's `output_stride`: 16 as declared; 8 keeps Mixed_6a at stride 1 and dilates Block17 by 2.
    public var outputStride: Int
    /// Layer name -> dilation rate of its convolution (what-if), applied after `outputStride`'s.
    public var dilations: [String: Int]
    /// TF-Slim's `final_endpoint`: the last layer (a stem or head layer, or a block) the network keeps; nil: all.
    public var finalEndpoint: String?

    public static let defaultInputSize = 160
    public static let defaultBottleneck = 1024
    /// The output strides TF-Slim accepts.
    public static let outputStrides = [8, 16]
    public static let defaultOutputStride = 16
    /// The largest dilation rate a what-if may ask for (windows wider than any input this tool takes).
    public static let largestDilation = 64

    /// A square input of side `inputSize`. (Not inlined: the Swift 6.3 optimiser crashed
    /// splitting the async test functions it was inlined into, in release builds.)
    @inline(never)
    public init(inputSize: Int = defaultInputSize, bottleneck: Int = defaultBottleneck, paddingOverrides: [String: Padding] = [:]) {
        self.init(input: Size2(square: inputSize), bottleneck: bottleneck, paddingOverrides: paddingOverrides)
    }

    public init(
        input: Size2, bottleneck: Int = defaultBottleneck, paddingOverrides: [String: Padding] = [:],
        alignFeatureMaps: Bool = false, outputStride: Int = defaultOutputStride,
        dilations: [String: Int] = [:], finalEndpoint: String? = nil
    ) {
        self.input = input
        self.bottleneck = bottleneck
        self.paddingOverrides = paddingOverrides
        self.alignFeatureMaps = alignFeatureMaps
        self.outputStride = outputStride
        self.dilations = dilations
        self.finalEndpoint = finalEndpoint
    }

    /// The side of a square input (the height of a non-square one); setting it makes the input square.
    public var inputSize: Int {
        get { input.height }
        set { input = Size2(square: newValue) }
    }

    /// Whether any of TF-Slim's structural options or a dilation differs from the declared network.
    public var changesStructure: Bool {
        alignFeatureMaps || outputStride != Self.defaultOutputStride || !dilations.isEmpty
    }
}
