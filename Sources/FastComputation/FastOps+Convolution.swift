import GEMM
import NetworkModel
import Tensors

extension FastOps {
    /// Kernel rows (`kw * cin` floats) shorter than this keep im2col: a run of A that
    /// short would end every few k steps. Every window of this network is read in place,
    /// the stem's first 3x3 on RGB (rows of 9) too: since a thin B's row tiles go through
    /// all its panels at once (`GEMMJob.compute`), it ran 19-27% faster in place than
    /// gathered (alternated passes, at 299 and 160). (With 128 or 256, the 3x3s on 32
    /// channels went back to im2col and ran 1-4% slower.)
    static let implicitMinimumRow = 8

    /// A convolution with folded batch norm, bias and ReLU on the fast GEMM.
    ///
    /// A 1x1 stride-1 convolution is one GEMM over the NHWC map as it is:
    /// `(h*w, cin) x (cin, cout)`, no copy. Any other window is
    /// `(oh*ow, kh*kw*cin) x (kh*kw*cin, cout)`, where row `oy * ow + ox` is output
    /// pixel `(oy, ox)`'s receptive field: read in place from the map inside a zero
    /// border (implicit GEMM, `ConvolutionWindows`), or for very short kernel rows
    /// gathered first (im2col). A dilated window reads its taps `(dh, dw)` apart: in place
    /// when only kernel rows are spread (`dh`, or a one-column kernel), else through im2col.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, cin]`
    ///   - layer: weights `(kh*kw*cin, cout)` packed, bias `[cout]`
    ///   - pad: zero rows/columns before and after (TensorFlow's SAME split)
    ///   - output: `(oh, ow, cout)` from the ledger
    /// - Returns: `[1, oh, ow, cout]`, and whether every value of it is finite (the GEMM
    ///   looks at each as it writes it)
    static func convolution(
        _ input: Tensor, layer: FoldedLinear, window: Window, pad: SidePadding,
        output: Shape, gemm: FastGEMM
    ) -> (output: Tensor, allFinite: Bool) {
        let (h, w, cin) = (input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow, n) = (output.dims[0], output.dims[1], output.dims[2])
        let (kh, kw) = (window.kernel.height, window.kernel.width)
        let (sh, sw) = (window.stride.height, window.stride.width)
        // A dilation along an axis with one tap moves nothing.
        let (dh, dw) = (kh == 1 ? 1 : window.dilation.height, kw == 1 ? 1 : window.dilation.width)
        let m = oh * ow
        let k = kh * kw * cin
        precondition(layer.weights.k == k && layer.weights.n == n, "packed weights (\(layer.weights.k), \(layer.weights.n)) do not fit (\(k), \(n))")
        let path = FastLayerPath.gemm(
            kernel: window.kernel, stride: window.stride, widthDilation: dw, channels: cin, input: Size2(h, w), output: Size2(oh, ow))
        var allFinite = true
        let scalars = [Float](unsafeUninitializedCapacity: m * n) { out, count in
            input.scalars.withUnsafeBufferPointer { x in
                layer.bias.withUnsafeBufferPointer { bias in
                    switch path {
                    case .direct:
                        allFinite = gemm.multiply(
                            m: m, a: x.baseAddress!, lda: cin, b: layer.weights, c: out.baseAddress!, ldc: n,
                            bias: bias.baseAddress, relu: layer.relu)
                    case .windowsInPlace:
                        // Implicit GEMM: the windows are read from the (padded) map in place.
                        let (pw, ph) = (w + pad.left + pad.right, h + pad.top + pad.bottom)
                        let padding = pad.top + pad.bottom + pad.left + pad.right > 0
                        let map = padding ? UnsafeMutablePointer<Float>.allocate(capacity: ph * pw * cin) : nil
                        defer { map?.deallocate() }
                        if let map {
                            zeroPad(x.baseAddress!, height: h, width: w, channels: cin, pad: pad, into: map)
                        }
                        let windows = ConvolutionWindows(
                            map: map.map { UnsafePointer($0) } ?? x.baseAddress!, width: pw, channels: cin,
                            kernelWidth: kw, strideHeight: sh, strideWidth: sw, outputWidth: ow, dilationHeight: dh)
                        allFinite = gemm.multiply(
                            m: m, windows: windows, b: layer.weights, c: out.baseAddress!, ldc: n,
                            bias: bias.baseAddress, relu: layer.relu)
                    default:
                        let columns = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
                        defer { columns.deallocate() }
                        im2col(
                            x.baseAddress!, height: h, width: w, channels: cin, kernel: window.kernel, stride: window.stride,
                            dilation: Size2(dh, dw), padTop: pad.top, padLeft: pad.left, outputHeight: oh, outputWidth: ow, into: columns)
                        allFinite = gemm.multiply(
                            m: m, a: columns, lda: k, b: layer.weights, c: out.baseAddress!, ldc: n,
                            bias: bias.baseAddress, relu: layer.relu)
                    }
                }
            }
            count = m * n
        }
        return (Tensor(shape: [1, oh, ow, n], scalars: scalars), allFinite)
    }

    /// The `[h, w, c]` map `x` inside a zero border (`pad`): `[h + top + bottom, w + left + right, c]`.
    static func zeroPad(
        _ x: UnsafePointer<Float>, height h: Int, width w: Int, channels c: Int, pad: SidePadding,
        into out: UnsafeMutablePointer<Float>
    ) {
        let pw = w + pad.left + pad.right
        let rowCount = pw * c
        out.update(repeating: 0, count: pad.top * rowCount)
        let (source, destination) = (SharedReadPointer(pointer: x), SharedPointer(pointer: out))
        parallelChunks(h, elements: h * rowCount) { rows in
            for y in rows {
                let row = destination.pointer + (pad.top + y) * rowCount
                row.update(repeating: 0, count: pad.left * c)
                (row + pad.left * c).update(from: source.pointer + y * w * c, count: w * c)
                (row + (pad.left + w) * c).update(repeating: 0, count: pad.right * c)
            }
        }
        out.advanced(by: (pad.top + h) * rowCount).update(repeating: 0, count: pad.bottom * rowCount)
    }

    /// Row `oy * ow + ox` of `columns` gets the window of output pixel `(oy, ox)`:
    /// `kh * kw` runs of `channels` floats in HWC order, zeros outside the map; tap
    /// `(ky, kx)` reads map cell `(oy*sh - top + ky*dh, ox*sw - left + kx*dw)`.
    ///
    /// - Parameters:
    ///   - x: `[h, w, channels]`
    ///   - parallel: false keeps it on the calling thread (the ladder's one-thread steps)
    ///   - columns: `(oh * ow, kh * kw * channels)`, written
    static func im2col(
        _ x: UnsafePointer<Float>, height h: Int, width w: Int, channels c: Int, kernel: Size2, stride: Size2,
        dilation: Size2 = Size2(1, 1), padTop: Int, padLeft: Int, outputHeight oh: Int, outputWidth ow: Int,
        parallel: Bool = true, into columns: UnsafeMutablePointer<Float>
    ) {
        let (kh, kw) = (kernel.height, kernel.width)
        let (dh, dw) = (dilation.height, dilation.width)
        let k = kh * kw * c
        let source = SharedReadPointer(pointer: x)
        let destination = SharedPointer(pointer: columns)
        let rows = oh * ow
        parallelChunks(rows, chunks: parallel && rows * k >= 1 << 16 ? 4 : 1) { range in
            for row in range {
                let oy = row / ow
                let ox = row % ow
                var out = destination.pointer + row * k
                let x0 = ox * stride.width - padLeft
                for ky in 0..<kh {
                    let iy = oy * stride.height - padTop + ky * dh
                    if iy < 0 || iy >= h {
                        out.update(repeating: 0, count: kw * c)
                        out += kw * c
                        continue
                    }
                    if dw == 1 && x0 >= 0 && x0 + kw <= w {
                        // The whole kernel row lies inside the map: one contiguous run.
                        out.update(from: source.pointer + (iy * w + x0) * c, count: kw * c)
                        out += kw * c
                        continue
                    }
                    for kx in 0..<kw {
                        let ix = x0 + kx * dw
                        if ix >= 0 && ix < w {
                            out.update(from: source.pointer + (iy * w + ix) * c, count: c)
                        } else {
                            out.update(repeating: 0, count: c)
                        }
                        out += c
                    }
                }
            }
        }
    }

    /// `x W + bias` (then ReLU), `x` `[1, in]`, W `(in, out)` packed. Returns `[1, out]`,
    /// and whether every value of it is finite.
    static func fullyConnected(_ input: Tensor, layer: FoldedLinear, gemm: FastGEMM) -> (output: Tensor, allFinite: Bool) {
        let n = layer.weights.n
        precondition(input.count == layer.weights.k, "fully connected input has \(input.count) values, weights take \(layer.weights.k)")
        var allFinite = true
        let scalars = [Float](unsafeUninitializedCapacity: n) { out, count in
            input.scalars.withUnsafeBufferPointer { x in
                layer.bias.withUnsafeBufferPointer { bias in
                    allFinite = gemm.multiply(
                        m: 1, a: x.baseAddress!, lda: layer.weights.k, b: layer.weights, c: out.baseAddress!, ldc: n,
                        bias: bias.baseAddress, relu: layer.relu)
                }
            }
            count = n
        }
        return (Tensor(shape: [1, n], scalars: scalars), allFinite)
    }
}
