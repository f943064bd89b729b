/// What follows a linear op.
public enum Activation: String, Sendable, Hashable {
    case relu
    case none
}

/// A window over a map: kernel, stride, padding mode and dilation rate.
public struct Window: Hashable, Sendable {
    public var kernel: Size2
    public var stride: Size2
    public var padding: Padding
    /// Distance between neighbouring taps (TensorFlow's `dilations`, TF-Slim's `rate`); 1: a plain window.
    public var dilation: Size2

    public init(kernel: Size2, stride: Size2, padding: Padding, dilation: Size2 = Size2(1, 1)) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    /// The span the taps cover: `(k - 1) * r + 1` per axis (the kernel itself without dilation).
    public var effectiveKernel: Size2 {
        Size2((kernel.height - 1) * dilation.height + 1, (kernel.width - 1) * dilation.width + 1)
    }

    /// `2`, or `1x2` when the axes differ.
    public var rateText: String { dilation.isSquare ? "\(dilation.height)" : "\(dilation)" }

    /// Whether some axis that has more than one tap is dilated (a dilated 1-tap axis changes nothing).
    public var isDilated: Bool { effectiveKernel != kernel }
}

/// A 2-D convolution and what the reference code puts around it.
public struct Convolution: Hashable, Sendable {
    public var filters: Int
    public var window: Window
    /// Inference batch norm (beta only, epsilon 0.001) after the convolution.
    public var batchNorm: Bool
    /// A bias added to the output (the block-level up projection has one, branch convolutions do not).
    public var bias: Bool
    public var activation: Activation

    public init(filters: Int, window: Window, batchNorm: Bool, bias: Bool, activation: Activation) {
        self.filters = filters
        self.window = window
        self.batchNorm = batchNorm
        self.bias = bias
        self.activation = activation
    }
}

/// A fully connected layer (weights `[in, out]`).
public struct FullyConnected: Hashable, Sendable {
    public var units: Int
    public var batchNorm: Bool
    public var bias: Bool
    public var activation: Activation

    public init(units: Int, batchNorm: Bool, bias: Bool, activation: Activation) {
        self.units = units
        self.batchNorm = batchNorm
        self.bias = bias
        self.activation = activation
    }
}

/// Every operation the network uses, as data.
public enum Op: Hashable, Sendable {
    /// The image, `[size, size, channels]`.
    case input(channels: Int)
    case convolution(Convolution)
    case maxPool(Window)
    /// SAME average pooling leaves padded cells out of the divisor.
    case averagePool(Window)
    /// Average pool whose kernel is the whole incoming map (stride 1, VALID).
    case globalAveragePool
    /// Channel concat of the inputs, in order.
    case concat
    /// `activation(inputs[0] + scale * inputs[1])`.
    case residual(scale: Float, activation: Activation)
    case flatten
    /// Identity at inference; `keep` is the training keep probability.
    case dropout(keep: Double)
    case fullyConnected(FullyConnected)
    /// `x / sqrt(max(sum(x^2), 1e-10))`.
    case l2Normalize

    /// Short name of the kind, as tables and diagrams show it.
    public var kind: String {
        switch self {
        case .input: "input"
        case .convolution: "conv"
        case .maxPool: "maxpool"
        case .averagePool: "avgpool"
        case .globalAveragePool: "avgpool"
        case .concat: "concat"
        case .residual: "residual"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .fullyConnected: "fc"
        case .l2Normalize: "l2norm"
        }
    }

    /// The declared window, for ops that slide one (a global pool's depends on its input).
    public var window: Window? {
        switch self {
        case .convolution(let conv): conv.window
        case .maxPool(let window), .averagePool(let window): window
        default: nil
        }
    }

    /// The same op with another padding mode (what-if); ops without a window are unchanged.
    public func withPadding(_ padding: Padding) -> Op {
        switch self {
        case .convolution(var conv):
            conv.window.padding = padding
            return .convolution(conv)
        case .maxPool(var window):
            window.padding = padding
            return .maxPool(window)
        case .averagePool(var window):
            window.padding = padding
            return .averagePool(window)
        default:
            return self
        }
    }

    /// The same op with another stride (TF-Slim's output stride 8); ops without a window are unchanged.
    public func withStride(_ stride: Int) -> Op {
        switch self {
        case .convolution(var conv):
            conv.window.stride = Size2(square: stride)
            return .convolution(conv)
        case .maxPool(var window):
            window.stride = Size2(square: stride)
            return .maxPool(window)
        case .averagePool(var window):
            window.stride = Size2(square: stride)
            return .averagePool(window)
        default:
            return self
        }
    }

    /// The same convolution dilated by `rate` on both axes (TF-Slim's `rate`); other ops are unchanged.
    public func withDilation(_ rate: Int) -> Op {
        guard case .convolution(var conv) = self else { return self }
        conv.window.dilation = Size2(square: rate)
        return .convolution(conv)
    }
}
