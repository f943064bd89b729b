import Tensors

extension Naive {
    /// TF-slim's default epsilon for batch norm.
    public static let batchNormEpsilon: Float = 0.001

    /// Inference batch norm without gamma (`scale=False`), per channel (the last axis):
    /// `inv = 1 / sqrt(variance + epsilon)`, `y = x * inv + (beta - mean * inv)`.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]` or `[1, c]`
    ///   - beta: `[c]`
    ///   - mean: `[c]` (moving mean)
    ///   - variance: `[c]` (moving variance)
    /// - Returns: the shape of `input`
    public static func batchNorm(_ input: Tensor, beta: Tensor, mean: Tensor, variance: Tensor, epsilon: Float = batchNormEpsilon) -> Tensor {
        let c = channelCount(input)
        precondition(beta.count == c && mean.count == c && variance.count == c, "batch norm statistics must have \(c) values")
        var scale = [Float](repeating: 0, count: c)  // inv
        var shift = [Float](repeating: 0, count: c)  // beta - mean * inv
        for channel in 0..<c {
            let inv = 1 / (variance.scalars[channel] + epsilon).squareRoot()
            scale[channel] = inv
            shift[channel] = beta.scalars[channel] - mean.scalars[channel] * inv
        }
        var output = input.scalars
        for index in output.indices {
            let channel = index % c
            output[index] = output[index] * scale[channel] + shift[channel]
        }
        return Tensor(shape: input.shape, scalars: output)
    }

    /// Adds a per-channel bias.
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, c]` or `[1, c]`
    ///   - bias: `[c]`
    /// - Returns: the shape of `input`
    public static func addBias(_ input: Tensor, bias: Tensor) -> Tensor {
        let c = channelCount(input)
        precondition(bias.count == c, "bias must have \(c) values, got \(bias.count)")
        var output = input.scalars
        for index in output.indices {
            output[index] += bias.scalars[index % c]
        }
        return Tensor(shape: input.shape, scalars: output)
    }
}
