import NetworkModel
import Tensors

extension Naive {
    /// `max(x, 0)` elementwise.
    ///
    /// - Parameter input: any shape
    /// - Returns: the shape of `input`
    public static func relu(_ input: Tensor) -> Tensor {
        Tensor(shape: input.shape, scalars: input.scalars.map { $0 > 0 ? $0 : 0 })
    }

    /// `activation(input)`: ReLU, or the identity for `.none`.
    ///
    /// - Parameter input: any shape
    /// - Returns: the shape of `input`
    public static func activate(_ input: Tensor, _ activation: Activation) -> Tensor {
        switch activation {
        case .relu: relu(input)
        case .none: input
        }
    }
}
