import NetworkModel
import Tensors

extension Naive {
    /// The residual block output: `activation(x + scale * up)`.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]`, the block's input `x`
    ///   - up: `[1, h, w, c]`, the up projection
    ///   - scale: 0.17, 0.10, 0.20 or 1.0
    ///   - activation: ReLU, or none for the final Block8
    /// - Returns: `[1, h, w, c]`
    public static func residual(_ input: Tensor, up: Tensor, scale: Float, activation: Activation) -> Tensor {
        precondition(input.shape == up.shape, "residual input \(input.shape) and up projection \(up.shape) differ")
        var sum = input.scalars
        for index in sum.indices {
            sum[index] += scale * up.scalars[index]
        }
        return activate(Tensor(shape: input.shape, scalars: sum), activation)
    }
}
