import ArgumentParser
import Computation
import FastComputation
import ModelData
import NetworkModel
import Tensors

/// Which kernels compute.
public enum GemmChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// The reference loops (`NaiveBackend`).
    case naive
    /// Packed, blocked FMA GEMM on all cores, batch norm folded (`FastBackend`).
    case fast
}

/// The options every command that computes shares (docs/commands.md): the network what-ifs,
/// the weights, the input image and the kernels.
public struct ComputeOptions: ParsableArguments {
    @OptionGroup public var network: NetworkOptions

    @Option(help: ArgumentHelp("A .safetensors file with FaceNet's variable names (default: generated weights).", valueName: "FILE"))
    public var weights: String?

    @Option(help: ArgumentHelp("Seed of the generated weights (default \(GeneratedWeights.defaultSeed)).", valueName: "N"))
    public var seed: UInt64?

    @Option(help: ArgumentHelp("A .png/.jpg (resized, standardised) or .npy float32 [1,H,W,3] or [H,W,3] (used as given); default: the built-in synthetic image.", valueName: "FILE"))
    public var input: String?

    @Option(help: ArgumentHelp("How images are standardised: fixed ((x - 127.5) / 128, FaceNet's) or per-image.", valueName: "fixed|per-image"))
    public var standardisation: String = Standardisation.fixed.rawValue

    @Option(help: "Which kernels compute.")
    public var gemm: GemmChoice = .fast

    public init() {}

    public func validate() throws {
        if weights != nil, seed != nil {
            throw ValidationError("--seed chooses generated weights, --weights reads a file: give one of them")
        }
        guard Standardisation(rawValue: standardisation) != nil else {
            throw ValidationError("--standardisation must be fixed or per-image, got '\(standardisation)'")
        }
    }

    /// The ledger of the configured network; its errors are one line.
    public func makeLedger() throws -> Ledger {
        do {
            return try Ledger.faceNet(network.configuration)
        } catch {
            throw ExploreError("\(error)")
        }
    }

    /// Generated weights from the seed, or the `--weights` file (unused tensors are
    /// reported on standard error as a warning).
    public func makeWeights(for ledger: Ledger) throws -> WeightSource {
        guard let weights else {
            return GeneratedWeights(seed: seed ?? GeneratedWeights.defaultSeed, ledger: ledger)
        }
        do {
            let file = try SafetensorsWeights(contentsOf: weights)
            let unused = file.unusedNames(used: Set(ledger.weights.map(\.name)))
            if !unused.isEmpty {
                let listed = unused.prefix(3).joined(separator: ", ") + (unused.count > 3 ? ", ..." : "")
                writeStandardError("explore: warning: \(weights): \(unused.count) tensors the network does not use (\(listed))\n")
            }
            return file
        } catch {
            throw ExploreError("\(error)")
        }
    }

    /// The backend `--gemm` names, with every variable checked up front.
    public func makeBackend(ledger: Ledger, weights: WeightSource) throws -> any Backend {
        do {
            switch gemm {
            case .naive: return try NaiveBackend(ledger: ledger, weights: weights)
            case .fast: return try FastBackend(ledger: ledger, weights: weights)
            }
        } catch {
            throw ExploreError("\(error)")
        }
    }

    /// The input image, `[1, size, size, 3]`.
    public func makeInput(size: Int) throws -> Tensor {
        guard let input else {
            return SyntheticImage.make(size: size, standardisation: chosenStandardisation)
        }
        do {
            return try InputImage.load(path: input, size: size, standardisation: chosenStandardisation)
        } catch {
            throw ExploreError("\(error)")
        }
    }

    /// Everything a forward pass needs: the ledger, a backend holding checked weights, the image.
    public func build() throws -> (ledger: Ledger, backend: any Backend, input: Tensor) {
        let ledger = try makeLedger()
        let input = try makeInput(size: network.inputSize)   // a bad image fails before the weights load
        let backend = try makeBackend(ledger: ledger, weights: try makeWeights(for: ledger))
        return (ledger, backend, input)
    }

    /// `seeded weights (seed 2018)` or the file's path.
    public var weightsDescription: String {
        weights ?? "seeded weights (seed \(seed ?? GeneratedWeights.defaultSeed))"
    }

    /// `synthetic image` or the file's path.
    public var inputDescription: String { input ?? "synthetic image" }

    private var chosenStandardisation: Standardisation { Standardisation(rawValue: standardisation) ?? .fixed }
}
