import NetworkModel
import Tensors

extension Naive {
    /// 2-D convolution (cross-correlation, as TensorFlow's `conv2d`) with zero padding.
    ///
    /// `out[oy, ox, co] = sum over ky, kx, ci of in[oy*sh - top + ky*dh, ox*sw - left + kx*dw, ci] * w[ky, kx, ci, co]`,
    /// where input cells outside the map (the padding) count as zero. Any kernel:
    /// square, `1xn`, `nx1`, even sizes; SAME pads bottom/right when the total is odd.
    /// A dilation `(dh, dw)` spaces the taps (TensorFlow's `dilations`); SAME then pads for
    /// the span `(k - 1) * d + 1`.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, cin]`
    ///   - weights: `[kh, kw, cin, cout]` (HWIO)
    ///   - stride: `(sh, sw)`
    ///   - padding: TensorFlow's SAME or VALID
    ///   - dilation: `(dh, dw)`, 1 for a plain window
    /// - Returns: `[1, oh, ow, cout]`, `(oh, ow)` = `WindowGeometry.output`
    public static func conv2d(_ input: Tensor, weights: Tensor, stride: Size2, padding: Padding, dilation: Size2 = Size2(1, 1)) -> Tensor {
        let (h, w, cin) = mapDimensions(input, "conv2d input")
        precondition(weights.rank == 4 && weights.shape[2] == cin, "conv2d weights \(weights.shape) do not read \(cin) channels")
        let (kh, kw, cout) = (weights.shape[0], weights.shape[1], weights.shape[3])
        guard let geometry = WindowGeometry(input: Size2(h, w), kernel: Size2(kh, kw), stride: stride, padding: padding, dilation: dilation) else {
            preconditionFailure("a \(kh)x\(kw) \(padding.rawValue) window dilated by \(dilation) does not fit a \(h)x\(w) map")
        }
        let (oh, ow) = (geometry.output.height, geometry.output.width)
        let pad = geometry.pad
        var output = [Float](repeating: 0, count: oh * ow * cout)
        input.scalars.withUnsafeBufferPointer { x in  // [h, w, cin]
            weights.scalars.withUnsafeBufferPointer { k in  // [kh, kw, cin, cout]
                output.withUnsafeMutableBufferPointer { y in  // [oh, ow, cout]
                    for oy in 0..<oh {
                        for ox in 0..<ow {
                            let yBase = (oy * ow + ox) * cout
                            for ky in 0..<kh {
                                let iy = oy * stride.height - pad.top + ky * dilation.height
                                if iy < 0 || iy >= h { continue }  // a zero row of padding adds nothing
                                for kx in 0..<kw {
                                    let ix = ox * stride.width - pad.left + kx * dilation.width
                                    if ix < 0 || ix >= w { continue }  // a zero column of padding
                                    let xBase = (iy * w + ix) * cin
                                    for ci in 0..<cin {
                                        let value = x[xBase + ci]
                                        let kBase = ((ky * kw + kx) * cin + ci) * cout
                                        for co in 0..<cout {
                                            y[yBase + co] += value * k[kBase + co]
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [1, oh, ow, cout], scalars: output)
    }
}
