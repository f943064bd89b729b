import Tensors

extension Naive {
    /// TensorFlow's `l2_normalize` epsilon.
    public static let l2Epsilon: Double = 1e-10

    /// `x / sqrt(max(sum(x^2), 1e-10))` over all values (batch 1). The sum of squares
    /// accumulates in Double, so the result's norm is 1 to float precision.
    ///
    /// - Parameter input: `[1, n]`
    /// - Returns: `[1, n]`
    public static func l2Normalize(_ input: Tensor) -> Tensor {
        var sumOfSquares = 0.0
        for value in input.scalars {
            sumOfSquares += Double(value) * Double(value)
        }
        let norm = Float(max(sumOfSquares, l2Epsilon).squareRoot())
        return Tensor(shape: input.shape, scalars: input.scalars.map { $0 / norm })
    }
}
