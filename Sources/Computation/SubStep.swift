import Tensors

/// One stage inside a layer (`conv2d`, `batch norm`, `relu`), with its value: what
/// `explore step` shows between a layer's input and its output.
public struct SubStep: Sendable {
    /// `conv2d`, `bias`, `batch norm`, `relu`, `residual`, ...
    public let name: String
    public let output: Tensor

    public init(name: String, output: Tensor) {
        self.name = name
        self.output = output
    }
}
