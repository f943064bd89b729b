import GEMM
import Tensors

extension FastOps {
    /// Channel concat of maps `[1, h, w, c_i]` in order: `[1, h, w, sum c_i]`.
    static func concat(_ inputs: [Tensor]) -> Tensor {
        let (h, w) = (inputs[0].shape[1], inputs[0].shape[2])
        let widths = inputs.map { $0.shape[3] }
        let total = widths.reduce(0, +)
        let pixels = h * w
        // Every output element is written exactly once: no zero fill first.
        let scalars = [Float](unsafeUninitializedCapacity: pixels * total) { out, count in
            var offset = 0
            for (input, c) in zip(inputs, widths) {
                input.scalars.withUnsafeBufferPointer { x in
                    let (from, to, at) = (SharedReadPointer(pointer: x.baseAddress!), SharedPointer(pointer: out.baseAddress!), offset)
                    parallelChunks(pixels, elements: pixels * c) { range in
                        for pixel in range {
                            (to.pointer + pixel * total + at).initialize(from: from.pointer + pixel * c, count: c)
                        }
                    }
                }
                offset += c
            }
            count = pixels * total
        }
        return Tensor(shape: [1, h, w, total], scalars: scalars)
    }

    /// `x + scale * up`, then ReLU when asked (the block output). Same shapes in and out.
    /// One pass into a new buffer (not a copy of `x` updated in place: two passes).
    static func residual(_ x: Tensor, up: Tensor, scale: Float, relu: Bool) -> Tensor {
        precondition(x.shape == up.shape, "residual input \(x.shape) and up projection \(up.shape) differ")
        let count = x.count
        let scalars = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.scalars.withUnsafeBufferPointer { x in
                up.scalars.withUnsafeBufferPointer { up in
                    let (x, up, out) = (
                        SharedReadPointer(pointer: x.baseAddress!), SharedReadPointer(pointer: up.baseAddress!),
                        SharedPointer(pointer: out.baseAddress!)
                    )
                    parallelChunks(count, elements: count) { range in
                        let (x, up, out) = (x.pointer, up.pointer, out.pointer)
                        if relu {
                            for i in range { out[i] = Swift.max(x[i] + scale * up[i], 0) }
                        } else {
                            for i in range { out[i] = x[i] + scale * up[i] }
                        }
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: x.shape, scalars: scalars)
    }
}
