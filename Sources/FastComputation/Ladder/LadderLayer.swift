import Computation
import GEMM
import NetworkModel
import Tensors

/// One convolution of the network as every ladder step computes it: its window and
/// padding from the ledger, its weights with batch norm folded in (as the fast backend
/// folds them at load), a bias and the ReLU.
public struct LadderLayer: Sendable {
    public let name: String
    /// The im2col view of the layer: `(m, k) x (k, n)`.
    public let geometry: ConvolutionGeometry
    let window: Window
    let pad: SidePadding
    let output: Shape
    /// `(kh * kw * cin, cout)` weights, bias and ReLU, batch norm folded.
    let folded: FoldedLinear.Folded
    /// Whether the fast backend computes this layer by Winograd (`WinogradConvolution.applies`).
    public let networkUsesWinograd: Bool

    /// The layer of `entry`, its variables folded. Throws for an op that is not a
    /// convolution, or a dilated one (no ladder step reads dilated windows).
    public init(entry: LedgerEntry, parameters: LayerParameters) throws {
        guard case .convolution(let conv) = entry.layer.op else { throw LadderError.notConvolution(entry.name) }
        let folded = try FoldedLinear.Folded(
            entry: entry, parameters: parameters, batchNorm: conv.batchNorm, hasBias: conv.bias, activation: conv.activation)
        try self.init(
            name: entry.name, input: entry.input, window: entry.window ?? conv.window, pad: entry.pad, output: entry.output,
            folded: folded, networkUsesWinograd: WinogradConvolution.applies(to: entry))
    }

    /// A layer of any shape (the tests' layer-like shapes): padding and output size by the
    /// ledger's own window arithmetic.
    init(name: String, input: Shape, window: Window, weights: [Float], bias: [Float], relu: Bool) throws {
        guard let geometry = WindowGeometry(input: input.spatial, window: window) else { throw LadderError.windowDoesNotFit(name) }
        let output = Shape(height: geometry.output.height, width: geometry.output.width, channels: bias.count)
        let k = window.kernel.height * window.kernel.width * input.channels
        try self.init(
            name: name, input: input, window: window, pad: geometry.pad, output: output,
            folded: FoldedLinear.Folded(k: k, n: bias.count, weights: weights, bias: bias, relu: relu), networkUsesWinograd: false)
    }

    private init(name: String, input: Shape, window: Window, pad: SidePadding, output: Shape, folded: FoldedLinear.Folded, networkUsesWinograd: Bool) throws {
        guard !window.isDilated else { throw LadderError.dilated(name) }
        self.name = name
        self.window = window
        self.pad = pad
        self.output = output
        self.folded = folded
        geometry = ConvolutionGeometry(
            height: input.dims[0], width: input.dims[1], channels: input.dims[2],
            kernelHeight: window.kernel.height, kernelWidth: window.kernel.width,
            strideHeight: window.stride.height, strideWidth: window.stride.width,
            padTop: pad.top, padLeft: pad.left, outputHeight: output.dims[0], outputWidth: output.dims[1], filters: output.dims[2])
        self.networkUsesWinograd = networkUsesWinograd
    }

    /// SAME or VALID, as declared.
    public var padding: Padding { window.padding }

    /// The input shape at batch 1: `[1, h, w, cin]`.
    public var inputTensorShape: [Int] { [1, geometry.height, geometry.width, geometry.channels] }

    /// `relu(x + bias[j])` over the `(m, n)` output in place: the epilogue the GEMM steps
    /// without one apply after their multiply.
    func addBiasAndActivation(_ y: UnsafeMutablePointer<Float>) {
        let n = geometry.n
        for i in 0..<geometry.m {
            for j in 0..<n {
                let value = y[i * n + j] + folded.bias[j]
                y[i * n + j] = folded.relu ? max(value, 0) : value
            }
        }
    }
}

/// Why a layer has no place on the ladder.
public enum LadderError: Error, Equatable, CustomStringConvertible {
    case notConvolution(String)
    case dilated(String)
    case windowDoesNotFit(String)
    case unknownLayer(String, suggestion: String?)

    public var description: String {
        switch self {
        case .notConvolution(let name): "\(name) is not a convolution: the ladder computes convolutions only"
        case .dilated(let name): "\(name) is dilated: no ladder step reads dilated windows"
        case .windowDoesNotFit(let name): "\(name): the window does not fit the map"
        case .unknownLayer(let name, let suggestion):
            "no convolution called '\(name)' in this network" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        }
    }
}
