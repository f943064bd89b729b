/// What a variable of a layer is for.
public enum WeightRole: String, Sendable, Hashable {
    case weights
    case biases
    case beta = "BatchNorm/beta"
    case movingMean = "BatchNorm/moving_mean"
    case movingVariance = "BatchNorm/moving_variance"

    /// Moving statistics are counted as parameters (as Keras does) but not trained.
    public var isMovingStatistic: Bool { self == .movingMean || self == .movingVariance }
}

/// One variable of the network, named as in a FaceNet checkpoint.
public struct WeightTensor: Hashable, Sendable {
    /// `InceptionResnetV2/Repeat_1/block17_4/Branch_1/Conv2d_0b_1x7/weights`.
    public let name: String
    /// HWIO `[kh, kw, cin, cout]` for convolutions, `[in, out]` for fully connected, `[c]` otherwise.
    public let shape: [Int]
    public let role: WeightRole

    public init(name: String, shape: [Int], role: WeightRole) {
        self.name = name
        self.shape = shape
        self.role = role
    }

    public var elementCount: Int { shape.reduce(1, *) }

    /// The variables of `op` reading `inputChannels`, under `scope`.
    static func variables(of op: Op, scope: String, inputChannels: Int) -> [WeightTensor] {
        func tensor(_ role: WeightRole, _ shape: [Int]) -> WeightTensor {
            WeightTensor(name: "\(scope)/\(role.rawValue)", shape: shape, role: role)
        }
        func normalisation(_ width: Int, batchNorm: Bool, bias: Bool) -> [WeightTensor] {
            (bias ? [tensor(.biases, [width])] : [])
                + (batchNorm ? [tensor(.beta, [width]), tensor(.movingMean, [width]), tensor(.movingVariance, [width])] : [])
        }
        switch op {
        case .convolution(let conv):
            let kernel = conv.window.kernel
            return [tensor(.weights, [kernel.height, kernel.width, inputChannels, conv.filters])]
                + normalisation(conv.filters, batchNorm: conv.batchNorm, bias: conv.bias)
        case .fullyConnected(let fc):
            return [tensor(.weights, [inputChannels, fc.units])]
                + normalisation(fc.units, batchNorm: fc.batchNorm, bias: fc.bias)
        default:
            return []
        }
    }
}
