import Computation
import NetworkModel
import Tensors

/// Checks a backend's computation of the ledger's network against a golden file,
/// layer by layer in execution order.
public struct Verifier: Sendable {
    public let golden: GoldenFile
    public let ledger: Ledger
    public let tolerance: Tolerance

    /// Throws `GoldenFileError.mismatch` when the file does not describe `ledger`'s network.
    public init(golden: GoldenFile, ledger: Ledger, tolerance: Tolerance = .float32Reordered) throws(GoldenFileError) {
        try golden.check(against: ledger)
        self.golden = golden
        self.ledger = ledger
        self.tolerance = tolerance
    }

    /// Every ledger variable from `source`, against the reference's checksum.
    public func checkWeights(_ source: WeightSource) -> WeightReport {
        let recorded = Dictionary(golden.header.weights.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [WeightReport.Difference] = []
        var unavailable: [String: String] = [:]
        for variable in ledger.weights {
            guard let expected = recorded[variable.name] else { continue }  // check(against:) guarantees it
            let tensor: Tensor
            do { tensor = try source.tensor(named: variable.name, shape: variable.shape) } catch {
                unavailable[variable.name] = "\(error)"
                continue
            }
            let found = WeightChecksum.hex(WeightChecksum.of(tensor.scalars))
            if found != expected.checksum {
                differences.append(
                    WeightReport.Difference(
                        name: variable.name, expectedChecksum: expected.checksum, foundChecksum: found,
                        expectedSum: expected.sum, foundSum: tensor.scalars.reduce(0.0) { $0 + Double($1) },
                        expectedFirst: expected.first, foundFirst: tensor.scalars.prefix(expected.first.count).map(Double.init)))
            }
        }
        return WeightReport(source: source.sourceDescription, checked: ledger.weights.count, differences: differences, unavailable: unavailable)
    }

    /// Runs `backend` on the recorded image of `input` and compares every layer.
    ///
    /// - Parameters:
    ///   - stopAtFirstFailure: stop after the first failing layer (the rest would only inherit it)
    ///   - progress: called after each layer
    public func verify(_ input: GoldenInput, backend: any Backend, stopAtFirstFailure: Bool = false, progress: ((LayerCheck) -> Void)? = nil) throws
        -> InputReport
    {
        let interpreter = Interpreter(ledger: ledger, backend: backend, input: golden.image(of: input), retain: .all)
        let records = Dictionary(input.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var checks: [LayerCheck] = []
        var stopped = false
        while !interpreter.isFinished {
            let result = try interpreter.step()
            let entry = result.entry
            guard let record = records[entry.name] else { continue }  // check(against:) guarantees it
            let inputs = entry.layer.inputs.compactMap { interpreter.output(of: $0) }
            let check = LayerComparison.compare(
                entry, output: result.output, inputs: inputs, golden: record, stored: golden.values(of: record), tolerance: tolerance)
            checks.append(check)
            progress?(check)
            if stopAtFirstFailure && !check.passed && !interpreter.isFinished {
                stopped = true
                break
            }
        }
        return InputReport(input: input.name, description: input.description, backend: backend.name, layers: checks, stoppedEarly: stopped)
    }

    /// Nil when `image` is bit for bit the image recorded for `input`, else a one-line note.
    /// (`verify` computes on the recorded image; this says whether it is still what the
    /// explorer's built-in image is.)
    public func compareImage(_ image: Tensor, with input: GoldenInput, what: String) -> String? {
        let recorded = golden.image(of: input)
        guard recorded.shape == image.shape else {
            return "\(what) has shape \(image.shape), the golden file recorded \(recorded.shape) for input '\(input.name)'"
        }
        let differing = zip(recorded.scalars, image.scalars).filter { $0.0.bitPattern != $0.1.bitPattern }.count
        guard differing > 0 else { return nil }
        return
            "\(what) differs from the image recorded for input '\(input.name)' in \(differing) values: the golden file is stale; \(GoldenFileError.regenerateHint)"
    }

    /// The reference's description: `TensorFlow 2.21.0, Keras 3.15.1 (scripts/golden/make_golden.py, 2026-...)`.
    public var referenceDescription: String {
        let h = golden.header
        return
            "Keras \(h.keras) InceptionResNetV2 on TensorFlow \(h.tensorflow), seeded random weights (seed \(h.weightsSeed), untrained), made \(h.created) by \(h.generator)"
    }
}
