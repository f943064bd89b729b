import Tensors

extension FastOps {
    /// Channel concat of maps `[1, h, w, c_i]` in order: `[1, h, w, sum c_i]`.
    static func concat(_ inputs: [Tensor]) -> Tensor {
        let (h, w) = (inputs[0].shape[1], inputs[0].shape[2])
        let widths = inputs.map { $0.shape[3] }
        let total = widths.reduce(0, +)
        let pixels = h * w
        var scalars = [Float](repeating: 0, count: pixels * total)
        scalars.withUnsafeMutableBufferPointer { out in
            var offset = 0
            for (input, c) in zip(inputs, widths) {
                input.scalars.withUnsafeBufferPointer { x in
                    for pixel in 0..<pixels {
                        (out.baseAddress! + pixel * total + offset).update(from: x.baseAddress! + pixel * c, count: c)
                    }
                }
                offset += c
            }
        }
        return Tensor(shape: [1, h, w, total], scalars: scalars)
    }

    /// `x + scale * up`, then ReLU when asked (the block output). Same shapes in and out.
    static func residual(_ x: Tensor, up: Tensor, scale: Float, relu: Bool) -> Tensor {
        precondition(x.shape == up.shape, "residual input \(x.shape) and up projection \(up.shape) differ")
        var scalars = x.scalars
        scalars.withUnsafeMutableBufferPointer { out in
            up.scalars.withUnsafeBufferPointer { up in
                for i in 0..<out.count {
                    let sum = out[i] + scale * up[i]
                    out[i] = relu ? Swift.max(sum, 0) : sum
                }
            }
        }
        return Tensor(shape: x.shape, scalars: scalars)
    }
}
