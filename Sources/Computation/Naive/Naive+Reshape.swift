import Tensors

extension Naive {
    /// Flattens a map in NHWC order (row, then column, then channel), as TF-slim's `flatten`.
    ///
    /// - Parameter input: `[1, h, w, c]`
    /// - Returns: `[1, h * w * c]`
    public static func flatten(_ input: Tensor) -> Tensor {
        let (h, w, c) = mapDimensions(input, "flatten input")
        return input.reshaped([1, h * w * c])
    }

    /// Dropout at inference: the identity (the keep probability only matters in training).
    ///
    /// - Parameter input: any shape
    /// - Returns: `input`
    public static func dropout(_ input: Tensor) -> Tensor {
        input
    }
}
