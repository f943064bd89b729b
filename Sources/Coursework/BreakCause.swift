import NetworkModel

/// Why a what-if network stops: the three ways the ledger can refuse a layer.
public enum BreakCause: String, Sendable, Hashable, CaseIterable {
    /// A VALID window larger than the map it slides over.
    case window
    /// A concat whose branches produce different spatial sizes.
    case branches
    /// A residual add whose shortcut and up projection differ.
    case residual

    /// The cause of a failure at `layer`, from its op (not from the error's wording).
    public init?(failingOp op: Op) {
        switch op {
        case .concat: self = .branches
        case .residual: self = .residual
        case .convolution, .maxPool, .averagePool, .globalAveragePool: self = .window
        default: return nil
        }
    }

    /// Reads a student's wording: any of a few words per cause.
    init?(words: String) {
        let text = words.lowercased()
        let matches = Self.allCases.filter { cause in cause.keywords.contains { text.contains($0) } }
        guard matches.count == 1 else { return nil }
        self = matches[0]
    }

    private var keywords: [String] {
        switch self {
        case .window: ["window", "fit", "too small", "kernel"]
        case .branches: ["branch", "disagree", "concat"]
        case .residual: ["residual", "shortcut", "projection"]
        }
    }

    public var explanation: String {
        switch self {
        case .window: "a VALID window is larger than the map it slides over"
        case .branches: "the branches of a concat disagree spatially"
        case .residual: "the residual add's shortcut and up projection differ"
        }
    }
}

/// The first layer of a what-if network that the arithmetic rejects, and why.
public struct BreakPoint: Sendable, Hashable {
    public let layer: String
    public let cause: BreakCause
}
