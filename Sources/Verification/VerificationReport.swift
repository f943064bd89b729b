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

    public let passed: Bool

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
        passed = (weights?.passed ?? true) && imageNotes.isEmpty && inputs.allSatisfy(\.passed)
        worstSummary = worst.map {
            Worst(
                input: $0.input, layer: $0.check.layer, relativeError: $0.check.maxRelativeError,
                absoluteError: $0.check.maxAbsoluteError, position: $0.check.worst)
        }
    }

    /// `worst`, as the JSON's `worst` object.
    private var worstSummary: Worst?

    enum CodingKeys: String, CodingKey {
        case passed, golden, reference, backend, tolerance, toleranceRule
        case worstSummary = "worst"
        case weights, imageNotes, inputs
    }

    struct Worst: Encodable {
        let input: String
        let layer: String
        let relativeError: Double
        let absoluteError: Double
        let position: LayerPosition?
    }
}
