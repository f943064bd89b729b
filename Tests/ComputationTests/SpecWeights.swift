import NetworkModel
import Tensors

/// The generated-weights spec (docs/generated-weights.md) written out a second time, apart
/// from ModelData's `GeneratedWeights`: `GeneratedWeightsSpecTests` holds the generator to it
/// bit for bit, and the interpreter tests compute with it. SplitMix64 per element, seeded by
/// FNV-1a of the name; roles from the ledger's declaration.
struct SpecWeights: WeightSource {
    let seed: UInt64
    /// Scale of each `weights` variable: sqrt(6 / fan_in) before a ReLU, sqrt(3 / fan_in) otherwise.
    let weightScales: [String: Float]

    init(ledger: Ledger, seed: UInt64 = 2018) {
        self.seed = seed
        var scales: [String: Float] = [:]
        for entry in ledger.entries {
            let activation: Activation
            switch entry.layer.op {
            case .convolution(let conv): activation = conv.activation
            case .fullyConnected(let fc): activation = fc.activation
            default: continue
            }
            for variable in entry.weights where variable.role == .weights {
                let fanIn = variable.shape.dropLast().reduce(1, *)
                scales[variable.name] = Float(((activation == .relu ? 6.0 : 3.0) / Double(fanIn)).squareRoot())
            }
        }
        self.weightScales = scales
    }

    var sourceDescription: String { "spec weights (seed \(seed))" }

    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "spec weights: no tensor '\(name)'" }
    }

    func tensor(named name: String, shape: [Int]) throws -> Tensor {
        let role: WeightRole
        if name.hasSuffix("/weights") {
            role = .weights
        } else if name.hasSuffix("/biases") {
            role = .biases
        } else if name.hasSuffix("/BatchNorm/beta") {
            role = .beta
        } else if name.hasSuffix("/BatchNorm/moving_mean") {
            role = .movingMean
        } else if name.hasSuffix("/BatchNorm/moving_variance") {
            role = .movingVariance
        } else {
            throw Missing(name: name)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let base = (seed &* 0x9E37_79B9_7F4A_7C15) ^ hash
        let count = shape.reduce(1, *)
        var scalars = [Float](repeating: 0, count: count)
        let weightScale = role == .weights ? weightScales[name] : nil
        if role == .weights && weightScale == nil { throw Missing(name: name) }
        for i in 0..<count {
            var z = base &+ (UInt64(i) &+ 1) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z = z ^ (z >> 31)
            let v = Float(z >> 40) * 0x1p-23 - 1
            switch role {
            case .weights: scalars[i] = v * weightScale!
            case .biases, .beta, .movingMean: scalars[i] = v * Float(0.1)
            case .movingVariance: scalars[i] = 1 + v * Float(0.5)
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}

/// TensorFlow's window arithmetic along one axis, written out again independently of
/// NetworkModel: returns (output length, padding before).
func tensorFlowWindow(input: Int, kernel: Int, stride: Int, same: Bool) -> (output: Int, before: Int) {
    if same {
        let output = (input + stride - 1) / stride
        let total = max((output - 1) * stride + kernel - input, 0)
        return (output, total / 2)
    }
    return ((input - kernel) / stride + 1, 0)
}

/// Largest `|a - b| / (1 + |b|)` over the elements: a mixed absolute/relative error.
func worstError(_ a: Tensor, _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a.scalars, b).map { abs(Double($0) - $1) / (1 + abs($1)) }.max() ?? 0
}
