import NetworkModel
import Tensors

/// Deterministic seeded weights: every variable of the network from a seed and its name alone.
///
/// The algorithm (docs/generated-weights.md; the numpy twins must match it bit for bit):
///
/// Seed `S` (UInt64, default 2018). For a variable named `N` with `n` elements
/// (row-major order of its shape), all integer arithmetic on UInt64, wrapping:
///
/// 1. `h = FNV-1a 64` of `N`'s UTF-8 bytes: `h = 0xcbf29ce484222325`; for each
///    byte `b`: `h = (h ^ b) * 0x100000001b3`.
/// 2. `base = (S * 0x9E3779B97F4A7C15) ^ h`.
/// 3. Element `i` (0-based), SplitMix64's finaliser:
///    `z = base + (i + 1) * 0x9E3779B97F4A7C15`;
///    `z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9`;
///    `z = (z ^ (z >> 27)) * 0x94D049BB133111EB`;
///    `z = z ^ (z >> 31)`.
/// 4. `v = Float32(z >> 40) * 2^-23 - 1`: exact, a multiple of 2^-23 in [-1, 1).
/// 5. The value, by role, in float32 arithmetic (round to nearest even, no fused
///    multiply-add); `fan_in` is the product of all dimensions but the last
///    (`kh*kw*cin` for HWIO convolution weights, `in` for `[in, out]`):
///    - `weights` of a layer followed by ReLU (stem and branch convolutions,
///      `Conv2d_7b_1x1`): `v * Float32(sqrt(6 / fan_in))` (He-uniform: std sqrt(2/fan_in));
///    - `weights` of a layer with no activation (the block up projections
///      `.../blockNN_k/Conv2d_1x1`, `InceptionResnetV2/Block8/Conv2d_1x1`, and
///      `Bottleneck`): `v * Float32(sqrt(3 / fan_in))` (std sqrt(1/fan_in));
///    - `biases`, `BatchNorm/beta`, `BatchNorm/moving_mean`: `v * Float32(0.1)`;
///    - `BatchNorm/moving_variance`: `1 + v * Float32(0.5)`.
///    The square roots are computed in float64 and rounded to float32 once.
///
/// Where the role comes from: with `init(seed:ledger:)`, from the declaration
/// (the variable's `WeightRole` and its layer's activation); with `init(seed:)`,
/// from the name: the suffix gives the role, and `weights` count as "no activation"
/// when the name is `.../Bottleneck/weights` or ends in `/Conv2d_1x1/weights` directly
/// under a block scope (the component before `Conv2d_1x1` is not a `Branch_k`).
/// Both agree on FaceNet's network (tested). The values depend on the seed, the
/// name and the element index only, never on which other variables exist.
public struct GeneratedWeights: WeightSource {
    /// The seed used when none is given.
    public static let defaultSeed: UInt64 = 2018

    public let seed: UInt64
    /// Declared variables by name (ledger mode), or nil (roles read from names).
    private let declared: [String: (shape: [Int], scaling: Scaling)]?

    /// How a variable's uniform `v` becomes its value.
    public enum Scaling: Equatable, Sendable {
        /// `v * Float32(sqrt(6 / fanIn))`: weights feeding a ReLU.
        case reluWeights
        /// `v * Float32(sqrt(3 / fanIn))`: weights of a layer without activation.
        case linearWeights
        /// `v * 0.1`: biases, `BatchNorm/beta`, `BatchNorm/moving_mean`.
        case tenth
        /// `1 + v * 0.5`: `BatchNorm/moving_variance`.
        case variance
    }

    /// Roles read from the names asked for.
    public init(seed: UInt64 = GeneratedWeights.defaultSeed) {
        self.seed = seed
        self.declared = nil
    }

    /// Roles from `ledger`'s declaration; names it does not declare are missing.
    public init(seed: UInt64 = GeneratedWeights.defaultSeed, ledger: Ledger) {
        self.seed = seed
        var declared: [String: (shape: [Int], scaling: Scaling)] = [:]
        for entry in ledger.entries {
            for variable in entry.weights { declared[variable.name] = (variable.shape, Self.scaling(of: variable, in: entry)) }
        }
        self.declared = declared
    }

    /// The scaling of `entry`'s `variable` from the declaration: its role, and the activation
    /// that follows the layer (ReLU for layers that declare none).
    static func scaling(of variable: WeightTensor, in entry: LedgerEntry) -> Scaling {
        let activation: Activation
        switch entry.layer.op {
        case .convolution(let conv): activation = conv.activation
        case .fullyConnected(let fc): activation = fc.activation
        default: activation = .relu
        }
        return scaling(role: variable.role, activation: activation)
    }

    public var sourceDescription: String { "seeded random weights (seed \(seed), untrained)" }

    public func tensor(named name: String, shape: [Int]) throws -> Tensor {
        let scaling: Scaling
        if let declared {
            guard let variable = declared[name] else { throw WeightsError.missingTensor(source: sourceDescription, tensor: name) }
            guard variable.shape == shape else {
                throw WeightsError.wrongShape(source: sourceDescription, tensor: name, expected: shape, found: variable.shape)
            }
            scaling = variable.scaling
        } else {
            guard let fromName = Self.scaling(forName: name) else { throw WeightsError.unknownRole(source: sourceDescription, tensor: name) }
            scaling = fromName
        }
        return Tensor(shape: shape, scalars: Self.values(seed: seed, name: name, shape: shape, scaling: scaling))
    }

    // MARK: - The algorithm

    /// FNV-1a, 64 bits, of `name`'s UTF-8 bytes.
    public static func fnv1a(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The uniform `v` in [-1, 1) of element `index` of the variable with hash base `base`.
    @inline(__always)
    static func uniform(base: UInt64, index: Int) -> Float {
        var z = base &+ (UInt64(index) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z = z ^ (z >> 31)
        return Float(z >> 40) * 0x1p-23 - 1
    }

    /// `v` of element `index` of variable `name` under `seed` (step 4 of docs/generated-weights.md).
    public static func uniform(seed: UInt64, name: String, index: Int) -> Float {
        uniform(base: (seed &* 0x9E37_79B9_7F4A_7C15) ^ fnv1a(name), index: index)
    }

    /// All values of one variable, row-major.
    public static func values(seed: UInt64, name: String, shape: [Int], scaling: Scaling) -> [Float] {
        let count = shape.reduce(1, *)
        let base = (seed &* 0x9E37_79B9_7F4A_7C15) ^ fnv1a(name)
        let fanIn = max(shape.dropLast().reduce(1, *), 1)
        let multiplier: Float
        switch scaling {
        case .reluWeights: multiplier = Float((6.0 / Double(fanIn)).squareRoot())
        case .linearWeights: multiplier = Float((3.0 / Double(fanIn)).squareRoot())
        case .tenth: multiplier = 0.1
        case .variance: multiplier = 0.5
        }
        let offset: Float = scaling == .variance ? 1 : 0
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            for i in 0..<count {
                let scaled = uniform(base: base, index: i) * multiplier
                buffer[i] = offset == 0 ? scaled : offset + scaled
            }
            initialised = count
        }
    }

    /// The scaling of a declared variable.
    public static func scaling(role: WeightRole, activation: Activation) -> Scaling {
        switch role {
        case .weights: activation == .relu ? .reluWeights : .linearWeights
        case .biases, .beta, .movingMean: .tenth
        case .movingVariance: .variance
        }
    }

    /// The scaling read from a FaceNet variable name, nil when the suffix is not a known role.
    public static func scaling(forName name: String) -> Scaling? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = parts.last else { return nil }
        switch last {
        case "biases":
            return .tenth
        case "beta", "moving_mean", "moving_variance":
            guard parts.count >= 2, parts[parts.count - 2] == "BatchNorm" else { return nil }
            return last == "moving_variance" ? .variance : .tenth
        case "weights":
            guard parts.count >= 2 else { return .reluWeights }
            let layer = parts[parts.count - 2]
            if layer == "Bottleneck" { return .linearWeights }
            if layer == "Conv2d_1x1", parts.count >= 3, !parts[parts.count - 3].hasPrefix("Branch_") { return .linearWeights }
            return .reluWeights
        default:
            return nil
        }
    }
}
