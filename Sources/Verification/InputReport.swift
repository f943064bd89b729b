/// Every layer checked for one recorded input.
public struct InputReport: Sendable, Encodable {
    public let input: String
    public let description: String
    public let backend: String
    public let layers: [LayerCheck]
    /// True when the run stopped at the first failing layer.
    public let stoppedEarly: Bool

    public var passed: Bool { layers.allSatisfy(\.passed) }
    public var failed: [LayerCheck] { layers.filter { !$0.passed } }
    /// The first layer in execution order that fails: where the divergence starts.
    public var firstFailure: LayerCheck? { layers.first { !$0.passed } }
    /// The layer with the largest relative error.
    public var worst: LayerCheck? { layers.max { $0.maxRelativeError < $1.maxRelativeError } }

    enum CodingKeys: String, CodingKey {
        case input, description, backend, passed, stoppedEarly, firstFailure, worstLayer, worstRelativeError, layers
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(description, forKey: .description)
        try container.encode(backend, forKey: .backend)
        try container.encode(passed, forKey: .passed)
        try container.encode(stoppedEarly, forKey: .stoppedEarly)
        try container.encodeIfPresent(firstFailure?.layer, forKey: .firstFailure)
        try container.encodeIfPresent(worst?.layer, forKey: .worstLayer)
        try container.encodeIfPresent(worst?.maxRelativeError, forKey: .worstRelativeError)
        try container.encode(layers, forKey: .layers)
    }
}
