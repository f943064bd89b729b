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
                    var written = FiniteSum()
                    for oy in outputRows {
                        let rows = max(oy * sh - pad.top, 0)..<min(oy * sh - pad.top + kh, h)
                        for ox in 0..<ow {
                            let columns = max(ox * sw - pad.left, 0)..<min(ox * sw - pad.left + kw, w)
                            precondition(!rows.isEmpty && !columns.isEmpty, "a window covers no cell of the map")
                            let cells = PoolWindow(map: source.pointer, width: w, channels: c, rows: rows, columns: columns)
                            let o = destination.pointer + (oy * ow + ox) * c
                            switch kind {
                            case .max:
                                cells.reduce(MaxReduction(), into: o)
                            case .average:
                                cells.reduce(AverageReduction(divisor: Float(rows.count * columns.count)), into: o)
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

/// What a pool does with one channel's cells: a start, a step per cell (row-major
/// order), a last step. The same operations as `Naive.pool`'s, so results agree to the bit.
private protocol PoolReduction {
    var start: Float { get }
    func combine(_ value: SIMD8<Float>, _ cell: SIMD8<Float>) -> SIMD8<Float>
    func combine(_ value: Float, _ cell: Float) -> Float
    func finish(_ value: SIMD8<Float>) -> SIMD8<Float>
    func finish(_ value: Float) -> Float
}

/// The largest value (`Swift.max`'s choice: a later cell wins a tie).
private struct MaxReduction: PoolReduction {
    var start: Float { -.infinity }
    @inline(__always) func combine(_ value: SIMD8<Float>, _ cell: SIMD8<Float>) -> SIMD8<Float> {
        value.replacing(with: cell, where: cell .>= value)
    }
    @inline(__always) func combine(_ value: Float, _ cell: Float) -> Float { Swift.max(value, cell) }
    @inline(__always) func finish(_ value: SIMD8<Float>) -> SIMD8<Float> { value }
    @inline(__always) func finish(_ value: Float) -> Float { value }
}

/// The sum from zero, divided by the number of cells.
private struct AverageReduction: PoolReduction {
    let divisor: Float
    var start: Float { 0 }
    @inline(__always) func combine(_ value: SIMD8<Float>, _ cell: SIMD8<Float>) -> SIMD8<Float> { value + cell }
    @inline(__always) func combine(_ value: Float, _ cell: Float) -> Float { value + cell }
    @inline(__always) func finish(_ value: SIMD8<Float>) -> SIMD8<Float> { value / divisor }
    @inline(__always) func finish(_ value: Float) -> Float { value / divisor }
}

/// The cells of one pooling window inside an NHWC map.
private struct PoolWindow {
    let map: UnsafePointer<Float>
    let width: Int, channels: Int
    let rows: Range<Int>, columns: Range<Int>

    /// Each channel's cells reduced into `out`: 32 channels at a time in registers (four
    /// vectors, so that four chains run side by side), then 8, then one by one.
    @inline(__always)
    func reduce<R: PoolReduction>(_ reduction: R, into out: UnsafeMutablePointer<Float>) {
        let raw = UnsafeMutableRawPointer(out)
        let start = SIMD8<Float>(repeating: reduction.start)
        var j = 0
        while j + 32 <= channels {
            var (v0, v1, v2, v3) = (start, start, start, start)
            for iy in rows {
                for ix in columns {
                    let cell = UnsafeRawPointer(map + (iy * width + ix) * channels + j)
                    v0 = reduction.combine(v0, cell.loadUnaligned(as: SIMD8<Float>.self))
                    v1 = reduction.combine(v1, cell.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self))
                    v2 = reduction.combine(v2, cell.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self))
                    v3 = reduction.combine(v3, cell.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self))
                }
            }
            raw.storeBytes(of: reduction.finish(v0), toByteOffset: j * 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: reduction.finish(v1), toByteOffset: j * 4 + 32, as: SIMD8<Float>.self)
            raw.storeBytes(of: reduction.finish(v2), toByteOffset: j * 4 + 64, as: SIMD8<Float>.self)
            raw.storeBytes(of: reduction.finish(v3), toByteOffset: j * 4 + 96, as: SIMD8<Float>.self)
            j += 32
        }
        while j + 8 <= channels {
            var v = start
            for iy in rows {
                for ix in columns {
                    v = reduction.combine(v, UnsafeRawPointer(map + (iy * width + ix) * channels + j).loadUnaligned(as: SIMD8<Float>.self))
                }
            }
            raw.storeBytes(of: reduction.finish(v), toByteOffset: j * 4, as: SIMD8<Float>.self)
            j += 8
        }
        while j < channels {
            var v = reduction.start
            for iy in rows {
                for ix in columns { v = reduction.combine(v, map[(iy * width + ix) * channels + j]) }
            }
            out[j] = reduction.finish(v)
            j += 1
        }
    }
}
