import GEMM
import NetworkModel
import Tensors

/// What `explore bench` needs to time one layer as this backend runs it, and to give
/// another GEMM the same multiply: the path, the plain A operand and the folded weights.
extension FastBackend {
    /// Threads of this backend's GEMM.
    public var threads: Int { gemm.threads }

    /// How this backend computes `entry`; nil for a layer without weights.
    public func path(of entry: LedgerEntry) -> FastLayerPath? {
        switch entry.layer.op {
        case .convolution(let conv):
            if winograd[entry.name] != nil { return .winograd }
            if lineWinograd[entry.name] != nil { return .lineWinograd }
            let window = entry.window ?? conv.window
            let dw = window.kernel.width == 1 ? 1 : window.dilation.width
            return FastLayerPath.gemm(
                kernel: window.kernel, stride: window.stride, widthDilation: dw, channels: entry.input.channels,
                input: entry.input.spatial, output: entry.output.spatial)
        case .fullyConnected: return .fullyConnected
        default: return nil
        }
    }

    /// The layer's folded weights as its GEMM multiplies them, `(k, n)` row-major and
    /// unpacked, with the bias and ReLU applied after. Nil for a layer this backend does
    /// not run as one GEMM (Winograd's, or no weights).
    public func gemmWeights(of entry: LedgerEntry) -> (k: Int, n: Int, scalars: [Float], bias: [Float], relu: Bool)? {
        guard let layer = layers[entry.name] else { return nil }
        return (layer.weights.k, layer.weights.n, layer.weights.unpacked, layer.bias, layer.relu)
    }

    /// The A operand of `entry`'s GEMM for `input` (`[1, h, w, cin]`), as a plain GEMM
    /// takes it, `(m, k)` row-major: the map itself on the 1x1 and fully connected paths,
    /// else the windows gathered by the backend's own im2col. Nil where `gemmWeights` is.
    public func gemmRows(of entry: LedgerEntry, input: Tensor) -> [Float]? {
        switch path(of: entry) {
        case .direct, .fullyConnected: return input.scalars
        case .winograd, .lineWinograd, nil: return nil
        case .windowsInPlace, .im2col: break
        }
        guard case .convolution(let conv) = entry.layer.op else { return nil }
        let window = entry.window ?? conv.window
        let (h, w, cin) = (entry.input.spatial.height, entry.input.spatial.width, entry.input.channels)
        let (oh, ow) = (entry.output.spatial.height, entry.output.spatial.width)
        let kernel = window.kernel
        let dilation = Size2(kernel.height == 1 ? 1 : window.dilation.height, kernel.width == 1 ? 1 : window.dilation.width)
        let k = kernel.height * kernel.width * cin
        return [Float](unsafeUninitializedCapacity: oh * ow * k) { columns, count in
            input.scalars.withUnsafeBufferPointer { x in
                FastOps.im2col(
                    x.baseAddress!, height: h, width: w, channels: cin, kernel: kernel, stride: window.stride,
                    dilation: dilation, padTop: entry.pad.top, padLeft: entry.pad.left, outputHeight: oh, outputWidth: ow,
                    into: columns.baseAddress!)
            }
            count = oh * ow * k
        }
    }
}
