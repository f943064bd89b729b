import NetworkModel
import Tensors

/// The variables of one layer, fetched from a weight source and checked against the ledger.
public struct LayerParameters: Sendable {
    /// Convolution `[kh, kw, cin, cout]` or fully connected `[in, out]`.
    public var weights: Tensor?
    /// `[cout]`, the block up projections'.
    public var biases: Tensor?
    /// Batch norm `[cout]` each.
    public var beta: Tensor?
    public var movingMean: Tensor?
    public var movingVariance: Tensor?

    public init(weights: Tensor? = nil, biases: Tensor? = nil, beta: Tensor? = nil, movingMean: Tensor? = nil, movingVariance: Tensor? = nil) {
        self.weights = weights
        self.biases = biases
        self.beta = beta
        self.movingMean = movingMean
        self.movingVariance = movingVariance
    }

    /// The batch norm statistics when all three are present.
    public var batchNorm: (beta: Tensor, mean: Tensor, variance: Tensor)? {
        guard let beta, let movingMean, let movingVariance else { return nil }
        return (beta, movingMean, movingVariance)
    }

    /// The variable at `path`, or an error naming the layer and the variable.
    public func require(_ path: KeyPath<LayerParameters, Tensor?>, _ variable: String, of entry: LedgerEntry) throws -> Tensor {
        guard let tensor = self[keyPath: path] else {
            throw ComputationError.missingParameters(layer: entry.name, variable: variable)
        }
        return tensor
    }

    /// Fetches every variable of `entry` from `source`, checking each shape.
    public init(for entry: LedgerEntry, from source: WeightSource) throws {
        self.init()
        for variable in entry.weights {
            let tensor = try source.tensor(named: variable.name, shape: variable.shape)
            guard tensor.shape == variable.shape else {
                throw ComputationError.weightShape(name: variable.name, expected: variable.shape, found: tensor.shape, source: source.sourceDescription)
            }
            if let index = tensor.firstNonFiniteIndex {
                throw ComputationError.badWeight(
                    name: variable.name, source: source.sourceDescription, detail: "holds \(tensor.scalars[index]) at scalar \(index)")
            }
            if variable.role == .movingVariance, let index = tensor.scalars.firstIndex(where: { $0 < 0 }) {
                throw ComputationError.badWeight(
                    name: variable.name, source: source.sourceDescription, detail: "holds the negative variance \(tensor.scalars[index]) at scalar \(index)")
            }
            switch variable.role {
            case .weights: weights = tensor
            case .biases: biases = tensor
            case .beta: beta = tensor
            case .movingMean: movingMean = tensor
            case .movingVariance: movingVariance = tensor
            }
        }
    }

    /// The parameters of every layer of `ledger` that has variables, keyed by layer name.
    /// Throws at the first variable that is missing or has the wrong shape.
    public static func load(_ ledger: Ledger, from source: WeightSource) throws -> [String: LayerParameters] {
        var parameters: [String: LayerParameters] = [:]
        for entry in ledger.entries where !entry.weights.isEmpty {
            parameters[entry.name] = try LayerParameters(for: entry, from: source)
        }
        return parameters
    }
}
