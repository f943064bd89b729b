/// The parameters of the declared network: the what-if knobs.
public struct NetworkConfiguration: Hashable, Sendable {
    /// Side of the square input image (160 for FaceNet, 299 in the paper).
    public var inputSize: Int
    /// Width of the Bottleneck layer and so of the embedding.
    public var bottleneck: Int
    /// Layer name -> padding mode replacing the declared one.
    public var paddingOverrides: [String: Padding]

    public static let defaultInputSize = 160
    public static let defaultBottleneck = 1024

    public init(inputSize: Int = defaultInputSize, bottleneck: Int = defaultBottleneck, paddingOverrides: [String: Padding] = [:]) {
        self.inputSize = inputSize
        self.bottleneck = bottleneck
        self.paddingOverrides = paddingOverrides
    }
}
