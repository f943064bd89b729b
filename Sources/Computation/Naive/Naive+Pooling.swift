import NetworkModel
import Tensors

extension Naive {
    /// Max pooling; padded cells are ignored (as if -infinity), as in TensorFlow.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]`
    ///   - kernel: `(kh, kw)`
    ///   - stride: `(sh, sw)`
    ///   - padding: SAME or VALID
    /// - Returns: `[1, oh, ow, c]`
    public static func maxPool(_ input: Tensor, kernel: Size2, stride: Size2, padding: Padding) -> Tensor {
        pool(input, kernel: kernel, stride: stride, padding: padding) { cells in
            cells.reduce(-Float.infinity) { Swift.max($0, $1) }
        }
    }

    /// Average pooling; the divisor counts only the cells inside the map, so with SAME
    /// padding a 3x3 window divides a corner by 4 and an edge by 6 (TensorFlow's rule;
    /// PyTorch's default `count_include_pad=True` differs).
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]`
    ///   - kernel: `(kh, kw)`
    ///   - stride: `(sh, sw)`
    ///   - padding: SAME or VALID
    /// - Returns: `[1, oh, ow, c]`
    public static func averagePool(_ input: Tensor, kernel: Size2, stride: Size2, padding: Padding) -> Tensor {
        pool(input, kernel: kernel, stride: stride, padding: padding) { cells in
            cells.reduce(0, +) / Float(cells.count)
        }
    }

    /// Average over the whole map per channel (a VALID average pool whose kernel is the map).
    ///
    /// - Parameter input: `[1, h, w, c]`
    /// - Returns: `[1, 1, 1, c]`
    public static func globalAveragePool(_ input: Tensor) -> Tensor {
        let (h, w, _) = mapDimensions(input, "global average pool input")
        return averagePool(input, kernel: Size2(h, w), stride: Size2(1, 1), padding: .valid)
    }

    /// Slides a window and reduces, per channel, the cells it covers inside the map.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]`
    ///   - reduce: the in-map cells of one window and channel, in row-major order -> one value
    /// - Returns: `[1, oh, ow, c]`
    static func pool(_ input: Tensor, kernel: Size2, stride: Size2, padding: Padding, reduce: ([Float]) -> Float) -> Tensor {
        let (h, w, c) = mapDimensions(input, "pool input")
        guard let geometry = WindowGeometry(input: Size2(h, w), kernel: kernel, stride: stride, padding: padding) else {
            preconditionFailure("a \(kernel) \(padding.rawValue) window does not fit a \(h)x\(w) map")
        }
        let (oh, ow) = (geometry.output.height, geometry.output.width)
        let pad = geometry.pad
        var output = [Float](repeating: 0, count: oh * ow * c)
        var cells: [Float] = []
        cells.reserveCapacity(kernel.height * kernel.width)
        for oy in 0..<oh {
            for ox in 0..<ow {
                // The window's rows and columns, clipped to the map: padded cells take no part.
                let rows = max(oy * stride.height - pad.top, 0)..<min(oy * stride.height - pad.top + kernel.height, h)
                let columns = max(ox * stride.width - pad.left, 0)..<min(ox * stride.width - pad.left + kernel.width, w)
                precondition(!rows.isEmpty && !columns.isEmpty, "a window covers no cell of the map")
                for channel in 0..<c {
                    cells.removeAll(keepingCapacity: true)
                    for iy in rows {
                        for ix in columns {
                            cells.append(input.scalars[(iy * w + ix) * c + channel])
                        }
                    }
                    output[(oy * ow + ox) * c + channel] = reduce(cells)
                }
            }
        }
        return Tensor(shape: [1, oh, ow, c], scalars: output)
    }
}
