/// One convolution layer's shape as the GEMM ladder sees it: an NHWC map, HWIO weights,
/// a window with its stride and the padding before the map (TensorFlow's split, from the
/// ledger), and the output map. Its im2col matrix is `(m, k)`, its weights `(k, n)`.
public struct ConvolutionGeometry: Sendable, Equatable {
    public let height: Int
    public let width: Int
    public let channels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    /// Zero rows above and zero columns left of the map (those below and right follow from the output size).
    public let padTop: Int
    public let padLeft: Int
    public let outputHeight: Int
    public let outputWidth: Int
    /// Output channels.
    public let filters: Int

    public init(
        height: Int, width: Int, channels: Int, kernelHeight: Int, kernelWidth: Int, strideHeight: Int, strideWidth: Int,
        padTop: Int, padLeft: Int, outputHeight: Int, outputWidth: Int, filters: Int
    ) {
        precondition(
            [height, width, channels, kernelHeight, kernelWidth, strideHeight, strideWidth, outputHeight, outputWidth, filters].allSatisfy { $0 > 0 }
                && padTop >= 0 && padLeft >= 0, "a convolution's sizes are positive and its padding not negative")
        (self.height, self.width, self.channels) = (height, width, channels)
        (self.kernelHeight, self.kernelWidth, self.strideHeight, self.strideWidth) = (kernelHeight, kernelWidth, strideHeight, strideWidth)
        (self.padTop, self.padLeft) = (padTop, padLeft)
        (self.outputHeight, self.outputWidth, self.filters) = (outputHeight, outputWidth, filters)
    }

    /// Rows of the im2col matrix: one per output pixel.
    public var m: Int { outputHeight * outputWidth }
    /// Columns of the im2col matrix, rows of the weights: one window, `kh * kw * cin`.
    public var k: Int { kernelHeight * kernelWidth * channels }
    /// Columns of the weights and the output: the filters.
    public var n: Int { filters }
    /// Multiply-adds of the direct convolution, padding taps included (as the GEMM computes them).
    public var macs: Int { m * n * k }
}
