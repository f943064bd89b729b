import NetworkModel

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
        let source = UserText.escaped(sourceText)
        let tensor = tensorText.map { UserText.escaped($0) }
        let name = tensor ?? ""
        return switch self {
        case .missingTensor(_, _):
            "\(source): tensor '\(name)' is missing"
        case .wrongShape(_, _, let expected, let found):
            "\(source): tensor '\(name)' has shape \(found), expected \(expected)"
        case .unsupportedDType(_, _, let dtype):
            "\(source): tensor '\(name)' has dtype \(dtype); only F32, F16 and BF16 are supported"
        case .truncated(_, _, let detail):
            "\(source): truncated file" + (tensor.map { ": tensor '\($0)'" } ?? "") + ": \(detail)"
        case .brokenHeader(_, _, let detail):
            "\(source): broken safetensors header" + (tensor.map { ": tensor '\($0)'" } ?? "") + ": \(detail)"
        case .badOffsets(_, _, let detail):
            "\(source): tensor '\(name)' has bad data_offsets: \(detail)"
        case .unknownRole(_, _):
            "\(source): tensor '\(name)' is not a network variable (expected a name ending in weights, biases or BatchNorm/beta|moving_mean|moving_variance)"
        case .io(_, let detail):
            "\(source): \(detail)"
        case .fileExists:
            "\(source): file exists; pass --force (overwrite: true) to replace it"
        }
    }

    /// The file or generator the error is about.
    private var sourceText: String {
        switch self {
        case .missingTensor(let source, _), .wrongShape(let source, _, _, _), .unsupportedDType(let source, _, _),
            .truncated(let source, _, _), .brokenHeader(let source, _, _), .badOffsets(let source, _, _),
            .unknownRole(let source, _), .io(let source, _):
            source
        case .fileExists(let path):
            path
        }
    }

    /// The tensor named, if any.
    private var tensorText: String? {
        switch self {
        case .missingTensor(_, let tensor), .wrongShape(_, let tensor, _, _), .unsupportedDType(_, let tensor, _),
            .badOffsets(_, let tensor, _), .unknownRole(_, let tensor):
            tensor
        case .truncated(_, let tensor, _), .brokenHeader(_, let tensor, _):
            tensor
        case .io, .fileExists:
            nil
        }
    }
}
