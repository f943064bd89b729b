/// Why a weight source cannot give a tensor. Every case describes itself in one
/// line that names the source (a file, or the seeded generator) and the tensor.
public enum WeightsError: Error, Equatable, CustomStringConvertible {
    /// The source has no variable of that name.
    case missingTensor(source: String, tensor: String)
    /// The variable exists with another shape.
    case wrongShape(source: String, tensor: String, expected: [Int], found: [Int])
    /// A dtype other than F32, F16 or BF16.
    case unsupportedDType(source: String, tensor: String, dtype: String)
    /// The file ends before the bytes its header promises.
    case truncated(source: String, tensor: String?, detail: String)
    /// The header is not the JSON object safetensors prescribes.
    case brokenHeader(source: String, tensor: String?, detail: String)
    /// A tensor's `data_offsets` lie outside the data or disagree with shape x dtype size.
    case badOffsets(source: String, tensor: String, detail: String)
    /// A name whose role (weights, biases, BatchNorm/...) the generator cannot tell.
    case unknownRole(source: String, tensor: String)
    /// The file cannot be opened, mapped, created or written.
    case io(source: String, detail: String)
    /// A writer was asked to replace an existing file without `overwrite`.
    case fileExists(path: String)

    public var description: String {
        switch self {
        case .missingTensor(let source, let tensor):
            "\(source): tensor '\(tensor)' is missing"
        case .wrongShape(let source, let tensor, let expected, let found):
            "\(source): tensor '\(tensor)' has shape \(found), expected \(expected)"
        case .unsupportedDType(let source, let tensor, let dtype):
            "\(source): tensor '\(tensor)' has dtype \(dtype); only F32, F16 and BF16 are supported"
        case .truncated(let source, let tensor, let detail):
            "\(source): truncated file" + (tensor.map { ": tensor '\($0)'" } ?? "") + ": \(detail)"
        case .brokenHeader(let source, let tensor, let detail):
            "\(source): broken safetensors header" + (tensor.map { ": tensor '\($0)'" } ?? "") + ": \(detail)"
        case .badOffsets(let source, let tensor, let detail):
            "\(source): tensor '\(tensor)' has bad data_offsets: \(detail)"
        case .unknownRole(let source, let tensor):
            "\(source): tensor '\(tensor)' is not a network variable (expected a name ending in weights, biases or BatchNorm/beta|moving_mean|moving_variance)"
        case .io(let source, let detail):
            "\(source): \(detail)"
        case .fileExists(let path):
            "\(path): file exists; pass --force (overwrite: true) to replace it"
        }
    }
}
