import GEMM
import Tensors

extension FastOps {
    /// Channel concat of maps `[1, h, w, c_i]` in order: `[1, h, w, sum c_i]`
    /// (`ChannelPieces.join`, the copy the GEMM makes of pieces it cannot pack).
    static func concat(_ inputs: [Tensor]) -> Tensor {
        let (h, w) = (inputs[0].shape[1], inputs[0].shape[2])
        let widths = inputs.map { $0.shape[3] }
        let total = widths.reduce(0, +)
        let pixels = h * w
        // Every output element is written exactly once: no zero fill first.
        let scalars = [Float](unsafeUninitializedCapacity: pixels * total) { out, count in
            withStarts(of: inputs) { starts in
                let (pieces, to) = (ChannelPieces(Array(zip(starts, widths))), SharedPointer(pointer: out.baseAddress!))
                parallelChunks(pixels, elements: pixels * total) { range in pieces.join(rows: range, into: to.pointer) }
            }
            count = pixels * total
        }
        return Tensor(shape: [1, h, w, total], scalars: scalars)
    }

    /// `x + scale * up`, then ReLU when asked (the block output). Same shapes in and out.
    /// One pass into a new buffer (not a copy of `x` updated in place: two passes), and
    /// whether every value written is finite (looked at as it is written).
    static func residual(_ x: Tensor, up: Tensor, scale: Float, relu: Bool) -> (output: Tensor, allFinite: Bool) {
        precondition(x.shape == up.shape, "residual input \(x.shape) and up projection \(up.shape) differ")
        let count = x.count
        let wroteNonFinite = NonFiniteFlag()
        let scalars = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.scalars.withUnsafeBufferPointer { x in
                up.scalars.withUnsafeBufferPointer { up in
                    let (x, up, out) = (
                        SharedReadPointer(pointer: x.baseAddress!), SharedReadPointer(pointer: up.baseAddress!),
                        SharedPointer(pointer: out.baseAddress!)
                    )
                    parallelChunks(count, elements: count) { range in
                        if !residualChunk(x.pointer, up.pointer, scale: scale, relu: relu, range: range, into: out.pointer) {
                            wroteNonFinite.set()
                        }
                    }
                }
            }
            initialized = count
        }
        return (Tensor(shape: x.shape, scalars: scalars), !wroteNonFinite.isSet)
    }

    /// Elements `range` of the residual, 16 at a time (`ResidualAdd.combine`, the formula
    /// the GEMM's fused write-out uses too); whether all are finite.
    private static func residualChunk(
        _ x: UnsafePointer<Float>, _ up: UnsafePointer<Float>, scale: Float, relu: Bool, range: Range<Int>,
        into out: UnsafeMutablePointer<Float>
    ) -> Bool {
        typealias V = SIMD16<Float>
        var written = FiniteSum()
        var i = range.lowerBound
        while i + 16 <= range.upperBound {
            let v = ResidualAdd.combine(
                UnsafeRawPointer(x + i).loadUnaligned(as: V.self), UnsafeRawPointer(up + i).loadUnaligned(as: V.self),
                scale: scale, relu: relu)
            UnsafeMutableRawPointer(out + i).storeBytes(of: v, as: V.self)
            written.add(v)
            i += 16
        }
        while i < range.upperBound {
            let v = ResidualAdd.combine(x[i], up[i], scale: scale, relu: relu)
            out[i] = v
            written.add(v)
            i += 1
        }
        return written.isFinite
    }
}
