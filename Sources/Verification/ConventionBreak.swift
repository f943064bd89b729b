import Computation
import ModelData
import NetworkModel
import Tensors

/// A deliberately wrong convention, to show that verification fails where it should
/// (`explore verify --break NAME`, and the tests). Each is applied from outside the
/// production code paths: a backend wrapper, a weight-source wrapper, or a re-declared
/// network; `Computation` itself is untouched.
public enum ConventionBreak: String, CaseIterable, Sendable {
    /// Average pooling that counts padded cells in the divisor (PyTorch's `count_include_pad=True`).
    case averagePoolCountsPadding = "avgpool-counts-padding"
    /// The final Block8 followed by a ReLU like the others.
    case finalBlock8ReLU = "final-block8-relu"
    /// The final Block8 scaled by 0.20 like the others.
    case finalBlock8Scale = "final-block8-scale"
    /// Batch norm's `1/sqrt(variance)` without the epsilon 0.001.
    case batchNormWithoutEpsilon = "batchnorm-no-epsilon"

    /// The layer where verification must first fail.
    public var expectedFirstFailure: String {
        switch self {
        case .averagePoolCountsPadding: "Mixed_5b/Branch_3/AvgPool_0a_3x3"
        case .finalBlock8ReLU, .finalBlock8Scale: "Block8_10"
        case .batchNormWithoutEpsilon: "Conv2d_1a_3x3"
        }
    }

    /// One line on what is broken.
    public var explanation: String {
        switch self {
        case .averagePoolCountsPadding: "the 3x3 SAME average pool divides by 9 everywhere, padded cells counted"
        case .finalBlock8ReLU: "the final Block8 gets a ReLU after its sum (FaceNet has none there)"
        case .finalBlock8Scale: "the final Block8 scales its up projection by 0.20 instead of 1.0"
        case .batchNormWithoutEpsilon: "batch norm computes 1/sqrt(variance) instead of 1/sqrt(variance + 0.001)"
        }
    }

    /// The ledger to compute with: FaceNet's, or one with the final Block8 re-declared.
    public func ledger(_ configuration: NetworkConfiguration = NetworkConfiguration()) throws -> Ledger {
        switch self {
        case .finalBlock8ReLU: try Self.ledger(finalBlock8: 1.0, activation: .relu, configuration)
        case .finalBlock8Scale: try Self.ledger(finalBlock8: 0.20, activation: .none, configuration)
        case .averagePoolCountsPadding, .batchNormWithoutEpsilon: try Ledger.faceNet(configuration)
        }
    }

    /// The weights to compute with (the weights check still reads the unbroken ones).
    public func weights(_ base: any WeightSource) -> any WeightSource {
        self == .batchNormWithoutEpsilon ? VarianceWithoutEpsilon(base: base) : base
    }

    /// The backend to compute with.
    public func backend(_ base: any Backend) -> any Backend {
        self == .averagePoolCountsPadding ? PaddingCountingAveragePool(base: base) : base
    }

    // MARK: - The wrappers

    /// Computes average pools itself, dividing every window by the kernel area.
    struct PaddingCountingAveragePool: Backend {
        let base: any Backend
        var name: String { base.name }

        func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
            guard case .averagePool = entry.layer.op, let window = entry.window else { return try base.forward(entry, inputs: inputs) }
            let x = inputs[0]
            let (h, w, c) = (x.shape[1], x.shape[2], x.shape[3])
            let (oh, ow) = (entry.output.dims[0], entry.output.dims[1])
            let (kh, kw) = (window.kernel.height, window.kernel.width)
            let (sh, sw) = (window.stride.height, window.stride.width)
            var out = [Float](repeating: 0, count: oh * ow * c)
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for k in 0..<c {
                        var sum: Float = 0
                        for dy in 0..<kh {
                            for dx in 0..<kw {
                                let y = oy * sh + dy - entry.pad.top
                                let xx = ox * sw + dx - entry.pad.left
                                if y >= 0 && y < h && xx >= 0 && xx < w { sum += x.scalars[(y * w + xx) * c + k] }
                            }
                        }
                        out[(oy * ow + ox) * c + k] = sum / Float(kh * kw)  // padded cells counted
                    }
                }
            }
            return Tensor(shape: [1, oh, ow, c], scalars: out)
        }
    }

    /// Batch norm without its epsilon, emulated exactly through the weights: a backend
    /// computing `1/sqrt(v' + 0.001)` with `v' = v - 0.001` computes `1/sqrt(v)`.
    struct VarianceWithoutEpsilon: WeightSource {
        let base: any WeightSource
        var sourceDescription: String { base.sourceDescription + " (epsilon taken out of the variance)" }

        func tensor(named name: String, shape: [Int]) throws -> Tensor {
            var tensor = try base.tensor(named: name, shape: shape)
            if name.hasSuffix("BatchNorm/moving_variance") {
                tensor.scalars = tensor.scalars.map { $0 - 0.001 }
            }
            return tensor
        }
    }

    /// FaceNet's network with the final Block8's residual replaced.
    static func ledger(finalBlock8 scale: Float, activation: Activation, _ configuration: NetworkConfiguration) throws -> Ledger {
        let network = try Network.faceNet(configuration)
        let stages = network.stages.map { stage -> Stage in
            guard case .block(let block) = stage, block.name == "Block8_10" else { return stage }
            let layers = block.layers.map { layer -> Layer in
                guard layer.name == "Block8_10", case .residual = layer.op else { return layer }
                return Layer(
                    name: layer.name, op: .residual(scale: scale, activation: activation), inputs: layer.inputs,
                    scope: layer.scope, block: layer.block, branch: layer.branch)
            }
            return .block(Block(name: block.name, kind: block.kind, layers: layers))
        }
        return try Ledger(network: Network(configuration: network.configuration, stages: stages))
    }
}
