/// What a node is, which decides its colour and shape.
public enum NodeStyle: String, Sendable, CaseIterable, Equatable {
    case input
    case convolution
    /// The block-level 1x1 up projection (bias, no batch norm, no activation).
    case upProjection
    case maxPool
    case averagePool
    case concat
    /// `act(x + scale * up)`.
    case residualAdd
    case fullyConnected
    case normalize
    /// Flatten and dropout: no arithmetic at inference.
    case reshape
    /// A Mixed block drawn as one node.
    case mixedBlock
    /// The branches and up projection of residual blocks drawn as one node.
    case residualBody
    /// A stand-in for a tensor coming from outside the drawn part.
    case stub
    /// A note (what is not drawn, and why).
    case note

    /// Fill colour.
    public var fill: String {
        switch self {
        case .input: "#e0e0e0"
        case .convolution: "#cfe2f3"
        case .upProjection: "#e8f0fb"
        case .maxPool: "#fce5cd"
        case .averagePool: "#fff2cc"
        case .concat: "#d9ead3"
        case .residualAdd: "#ead1dc"
        case .fullyConnected: "#d0e0e3"
        case .normalize: "#e6e0f8"
        case .reshape: "#f3f3f3"
        case .mixedBlock: "#b6d7a8"
        case .residualBody: "#d9d2e9"
        case .stub: "#ffffff"
        case .note: "#fff8e1"
        }
    }

    /// What the colour means, for the legend.
    public var meaning: String {
        switch self {
        case .input: "input image"
        case .convolution: "conv + batch norm + ReLU"
        case .upProjection: "1x1 up projection (bias, no BN, no ReLU)"
        case .maxPool: "max pool"
        case .averagePool: "average pool (SAME: padding left out of the divisor)"
        case .concat: "channel concat (Branch_0, Branch_1, ...)"
        case .residualAdd: "residual add: act(x + scale * up)"
        case .fullyConnected: "fully connected + batch norm"
        case .normalize: "L2 normalisation"
        case .reshape: "flatten / dropout (identity at inference)"
        case .mixedBlock: "Mixed block: parallel branches, concat"
        case .residualBody: "residual block body: branches, concat, 1x1 up"
        case .stub: "tensor from outside this view"
        case .note: "note"
        }
    }

    /// The Graphviz shape.
    public var shape: String {
        switch self {
        case .residualAdd: "box"
        case .stub: "box"
        case .note: "note"
        default: "box"
        }
    }
}
