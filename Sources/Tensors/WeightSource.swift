/// Where a network's variables come from: generated from a seed, or read from a file.
///
/// Names are FaceNet's TF-slim variable names (`InceptionResnetV2/Conv2d_1a_3x3/weights`);
/// shapes are HWIO for convolutions, `[in, out]` for fully connected layers.
public protocol WeightSource: Sendable {
    /// The variable called `name`, checked to have `shape`. Throws an error whose
    /// description is one line naming the source (file) and the tensor.
    func tensor(named name: String, shape: [Int]) throws -> Tensor

    /// A short description for logs: `seeded random weights (seed 2018, untrained)`, `weights.safetensors`.
    var sourceDescription: String { get }
}
