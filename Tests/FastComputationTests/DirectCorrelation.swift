import NetworkModel
import Tensors
import Testing

/// A convolution worked out in float64 by its definition, for the Winograd tests:
/// `y[oy][ox][j] = b[j] + sum x[oy+ky-top][ox+kx-left][c] w[ky][kx][c][j]`, zeros outside
/// the map; `x` is `[h, w, cin]`, `w` HWIO.
struct DirectCorrelation {
    let h: Int, w: Int, cin: Int, cout: Int
    let kernel: Size2
    let pad: SidePadding
    let x: [Float], weights: [Float], bias: [Float]

    var outputHeight: Int { h + pad.top + pad.bottom - kernel.height + 1 }
    var outputWidth: Int { w + pad.left + pad.right - kernel.width + 1 }

    /// Expects every value of `y` (`[1, oh, ow, cout]`) within `units` of float32 rounding
    /// of its terms' magnitude (`sum |x w| + |b|`) of the definition (then ReLU when
    /// `relu`); returns the worst error found, in those units.
    @discardableResult
    func expectAgreement(_ y: Tensor, relu: Bool, units: Double, _ label: String) -> Double {
        let (oh, ow, kh, kw) = (outputHeight, outputWidth, kernel.height, kernel.width)
        #expect(y.shape == [1, oh, ow, cout], "\(label)")
        guard y.shape == [1, oh, ow, cout] else { return .infinity }
        var worst = 0.0
        for oy in 0..<oh {
            for ox in 0..<ow {
                for j in 0..<cout {
                    var sum = Double(bias[j])
                    var magnitude = abs(Double(bias[j]))
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let (iy, ix) = (oy + ky - pad.top, ox + kx - pad.left)
                            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                            for c in 0..<cin {
                                let term = Double(x[(iy * w + ix) * cin + c]) * Double(weights[((ky * kw + kx) * cin + c) * cout + j])
                                sum += term
                                magnitude += abs(term)
                            }
                        }
                    }
                    if relu { sum = max(sum, 0) }
                    let found = Double(y.scalars[(oy * ow + ox) * cout + j])
                    worst = max(worst, abs(found - sum) / (magnitude * 0x1p-24))
                    #expect(abs(found - sum) <= units * 0x1p-24 * magnitude + 1e-30, "\(label) at (\(oy),\(ox),\(j)): \(found) vs \(sum)")
                }
            }
        }
        #expect(worst > 0, "\(label): no rounding at all: the comparison compared nothing")
        return worst
    }
}
