/// The outcome of `explore verify`: weights, optional image checks, and every layer of every input.
public struct VerificationReport: Sendable, Encodable {
    public let golden: String
    public let reference: String
    public let backend: String
    public let tolerance: Tolerance
    public let toleranceRule: String
    public let weights: WeightReport?
    /// Problems with the inputs themselves (the built-in image no longer matching the recorded one): failures.
    public let imageNotes: [String]
    public let inputs: [InputReport]

    public var passed: Bool { (weights?.passed ?? true) && imageNotes.isEmpty && inputs.allSatisfy(\.passed) }

    /// The largest relative error over every input and layer, and where.
    public var worst: (input: String, check: LayerCheck)? {
        var best: (String, LayerCheck)? = nil
        for input in inputs {
            if let check = input.worst, best == nil || check.maxRelativeError > best!.1.maxRelativeError { best = (input.input, check) }
        }
        return best
    }

    public init(golden: String, reference: String, backend: String, tolerance: Tolerance, weights: WeightReport?, imageNotes: [String], inputs: [InputReport]) {
        self.golden = golden
        self.reference = reference
        self.backend = backend
        self.tolerance = tolerance
        self.toleranceRule = tolerance.description
        self.weights = weights
        self.imageNotes = imageNotes
        self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey {
        case passed, golden, reference, backend, tolerance, toleranceRule, worst, weights, imageNotes, inputs
    }

    struct Worst: Encodable {
        let input: String
        let layer: String
        let relativeError: Double
        let absoluteError: Double
        let position: LayerPosition?
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(golden, forKey: .golden)
        try container.encode(reference, forKey: .reference)
        try container.encode(backend, forKey: .backend)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(toleranceRule, forKey: .toleranceRule)
        if let worst {
            try container.encode(
                Worst(
                    input: worst.input, layer: worst.check.layer, relativeError: worst.check.maxRelativeError,
                    absoluteError: worst.check.maxAbsoluteError, position: worst.check.worst), forKey: .worst)
        }
        try container.encodeIfPresent(weights, forKey: .weights)
        try container.encode(imageNotes, forKey: .imageNotes)
        try container.encode(inputs, forKey: .inputs)
    }
}
