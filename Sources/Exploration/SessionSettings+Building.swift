import Computation
import FastComputation
import ModelData
import NetworkModel
import Tensors

/// What the settings build: the ledger, the weights, the backend and the input image. The
/// command line and the REPL compute through these, so both load files and check variables
/// the same way. Errors keep their domain types; the edge that prints them decides the words.
extension SessionSettings {
    /// The ledger of the configured network (throws `LedgerError`/`NetworkError` for a what-if
    /// that breaks it or names no layer).
    public func makeLedger() throws -> Ledger {
        try Ledger.faceNet(configuration)
    }

    /// Generated weights from the seed, or the weights file; `warning` receives one line about
    /// tensors in the file that the network does not use.
    public func makeWeights(for ledger: Ledger, warning: (String) -> Void = { _ in }) throws -> WeightSource {
        guard let weightsPath else {
            return GeneratedWeights(seed: seed, ledger: ledger)
        }
        let file = try SafetensorsWeights(contentsOf: weightsPath)
        let unused = file.unusedNames(used: Set(ledger.weights.map(\.name)))
        if !unused.isEmpty {
            let listed = unused.prefix(3).joined(separator: ", ") + (unused.count > 3 ? ", ..." : "")
            warning("\(weightsPath): \(unused.count) tensors the network does not use (\(listed))")
        }
        return file
    }

    /// The backend `kernels` names, with every variable checked up front.
    public func makeBackend(ledger: Ledger, weights: WeightSource) throws -> any Backend {
        switch kernels {
        case .naive: return try NaiveBackend(ledger: ledger, weights: weights)
        case .fast: return try FastBackend(ledger: ledger, weights: weights)
        }
    }

    /// The input image, `[1, height, width, 3]`.
    public func makeInput() throws -> Tensor {
        let (height, width) = (configuration.input.height, configuration.input.width)
        guard let inputPath else {
            return SyntheticImage.make(height: height, width: width, standardisation: standardisation)
        }
        return try InputImage.load(path: inputPath, height: height, width: width, standardisation: standardisation)
    }

    /// Everything a forward pass needs: the ledger, a backend holding checked weights, the image.
    /// A bad image fails before the weights load.
    public func makeForwardPass(warning: (String) -> Void = { _ in }) throws -> (ledger: Ledger, backend: any Backend, input: Tensor) {
        let ledger = try makeLedger()
        let input = try makeInput()
        let backend = try makeBackend(ledger: ledger, weights: try makeWeights(for: ledger, warning: warning))
        return (ledger, backend, input)
    }
}
