import GEMM
import NetworkModel
import Tensors

extension FastOps {
    enum PoolKind { case max, average }

    /// Max or average pooling over the cells of each window that lie inside the map
    /// (TensorFlow: padded cells are ignored by max and left out of the average's divisor).
    /// Cells are visited in row-major order, as `Naive.pool` does, so sums round alike.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]`
    ///   - output: `(oh, ow, c)` from the ledger
    /// - Returns: `[1, oh, ow, c]`, and whether every value of it is finite: an average
    ///   is looked at right after it is written, while in L1 (a sum can overflow); a max
    ///   is one of the input's values, which the interpreter has checked, so true
    static func pool(_ input: Tensor, window: Window, pad: SidePadding, output: Shape, kind: PoolKind) -> (output: Tensor, allFinite: Bool) {
        let (h, w, c) = (input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow) = (output.dims[0], output.dims[1])
        let (kh, kw) = (window.kernel.height, window.kernel.width)
        let (sh, sw) = (window.stride.height, window.stride.width)
        let wroteNonFinite = NonFiniteFlag()
        let scalars = [Float](unsafeUninitializedCapacity: oh * ow * c) { out, count in
            input.scalars.withUnsafeBufferPointer { x in
                let (source, destination) = (SharedReadPointer(pointer: x.baseAddress!), SharedPointer(pointer: out.baseAddress!))
                // Output rows in parallel: every window reads kh x kw cells.
                parallelChunks(oh, elements: oh * ow * c * kh * kw) { outputRows in
                    let x = source.pointer
                    var written = FiniteSum()
                    for oy in outputRows {
                        let rows = max(oy * sh - pad.top, 0)..<min(oy * sh - pad.top + kh, h)
                        for ox in 0..<ow {
                            let columns = max(ox * sw - pad.left, 0)..<min(ox * sw - pad.left + kw, w)
                            precondition(!rows.isEmpty && !columns.isEmpty, "a window covers no cell of the map")
                            let o = destination.pointer + (oy * ow + ox) * c
                            switch kind {
                            case .max:
                                o.update(repeating: -.infinity, count: c)
                                for iy in rows {
                                    for ix in columns {
                                        let cell = x + (iy * w + ix) * c
                                        for j in 0..<c { o[j] = Swift.max(o[j], cell[j]) }
                                    }
                                }
                            case .average:
                                o.update(repeating: 0, count: c)
                                for iy in rows {
                                    for ix in columns {
                                        let cell = x + (iy * w + ix) * c
                                        for j in 0..<c { o[j] += cell[j] }
                                    }
                                }
                                let divisor = Float(rows.count * columns.count)
                                for j in 0..<c { o[j] /= divisor }
                                written.add(UnsafeBufferPointer(start: o, count: c))
                            }
                        }
                    }
                    if !written.isFinite { wroteNonFinite.set() }
                }
            }
            count = oh * ow * c
        }
        return (Tensor(shape: [1, oh, ow, c], scalars: scalars), !wroteNonFinite.isSet)
    }
}
