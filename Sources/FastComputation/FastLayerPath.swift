import NetworkModel

/// How `FastBackend` computes a layer with weights: which operand its GEMM reads as A,
/// or one of Winograd's minimal filterings instead of one GEMM.
public enum FastLayerPath: String, Sendable {
    /// A 1x1 stride-1 convolution: the NHWC map itself is A, `(h*w, cin)`.
    case direct = "1x1 map in place"
    /// The windows read from the (zero-padded) map in place (`ConvolutionWindows`).
    case windowsInPlace = "windows in place"
    /// The windows gathered into an `(oh*ow, kh*kw*cin)` matrix first.
    case im2col = "im2col"
    /// Winograd's F(2x2, 3x3): no single GEMM of the layer's shape.
    case winograd = "winograd F(2x2,3x3)"
    /// Winograd's F(2, 7) along a 1x7 or 7x1 kernel: no single GEMM of the layer's shape.
    case lineWinograd = "winograd F(2,7)"
    /// The fully connected layer: the input vector is A, one row.
    case fullyConnected = "fc"

    /// Whether the layer runs as Winograd's eight or sixteen GEMMs, not one.
    public var isWinograd: Bool { self == .winograd || self == .lineWinograd }

    /// The path `FastOps.convolution` takes for a convolution (not Winograd's).
    static func gemm(
        kernel: Size2, stride: Size2, widthDilation dw: Int, channels cin: Int, input: Size2, output: Size2
    ) -> FastLayerPath {
        if kernel == Size2(1, 1) && stride == Size2(1, 1) && output == input { return .direct }
        return kernel.width * cin >= FastOps.implicitMinimumRow && dw == 1 ? .windowsInPlace : .im2col
    }
}
