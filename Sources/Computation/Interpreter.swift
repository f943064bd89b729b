import NetworkModel
import Tensors

/// Runs the ledger's layers in order through a backend: one step at a time (the REPL),
/// up to a named layer, or to the end; keeps outputs by a retention policy and times
/// every layer.
public final class Interpreter {
    public let ledger: Ledger
    public let backend: any Backend
    /// The image, `[1, size, size, 3]`.
    public let input: Tensor
    public let retention: Retention

    /// Index in `ledger.entries` of the next entry to run.
    public private(set) var position = 0
    /// Outputs kept so far, by layer name.
    private var outputs: [String: Tensor] = [:]
    /// What ran: entry and seconds (outputs live in `outputs`).
    private var timings: [(entry: LedgerEntry, seconds: Double)] = []
    /// For every layer, the index of the last entry that reads it.
    private let lastReader: [String: Int]

    public init(ledger: Ledger, backend: Backend, input: Tensor, retain: Retention = .all) {
        self.ledger = ledger
        self.backend = backend
        self.input = input
        self.retention = retain
        var lastReader: [String: Int] = [:]
        for (index, entry) in ledger.entries.enumerated() {
            for name in entry.layer.inputs { lastReader[name] = index }
        }
        self.lastReader = lastReader
    }

    public var isFinished: Bool { position >= ledger.entries.count }

    public var nextEntry: LedgerEntry? { isFinished ? nil : ledger.entries[position] }

    /// What ran so far, in order; outputs freed by the retention policy are empty tensors.
    public var results: [LayerResult] {
        timings.map(result)
    }

    /// Total seconds of the layers run so far.
    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }

    /// Runs the next entry.
    @discardableResult
    public func step() throws -> LayerResult {
        guard let entry = nextEntry else { throw ComputationError.finished }
        let inputs = entry.layer.inputs.isEmpty ? [input] : entry.layer.inputs.map { name in
            guard let tensor = outputs[name] else { preconditionFailure("\(name) was freed before \(entry.name) read it") }
            return tensor
        }
        let start = ContinuousClock.now
        let output = try backend.forward(entry, inputs: inputs)
        let seconds = (ContinuousClock.now - start).seconds
        guard output.shape == entry.outputTensorShape else {
            throw ComputationError.outputShape(layer: entry.name, expected: entry.outputTensorShape, found: output.shape, backend: backend.name)
        }
        outputs[entry.name] = output
        // Free what no later layer reads (never the output just computed).
        if retention != .all {
            for name in entry.layer.inputs where lastReader[name] == position && !retention.keeps(name) {
                outputs[name] = nil
            }
            if lastReader[entry.name] == nil, position != ledger.entries.count - 1, !retention.keeps(entry.name) {
                outputs[entry.name] = nil   // read by nobody (not the case in this network)
            }
        }
        timings.append((entry, seconds))
        position += 1
        return LayerResult(entry: entry, output: output, seconds: seconds)
    }

    /// Runs every entry up to and including `name`; returns what ran now (nothing if
    /// `name` already ran). An unknown name throws `NetworkError.unknownLayer` with suggestions.
    @discardableResult
    public func run(through name: String) throws -> [LayerResult] {
        _ = try ledger.network.requireLayer(named: name)
        guard let target = ledger.entries.firstIndex(where: { $0.name == name }) else {
            throw NetworkError.unknownLayer(name, suggestions: [])
        }
        var ran: [LayerResult] = []
        while position <= target {
            ran.append(try step())
        }
        return retention == .all ? ran : ran.map { result(($0.entry, $0.seconds)) }
    }

    /// Runs every remaining entry.
    @discardableResult
    public func runToEnd() throws -> [LayerResult] {
        guard let last = ledger.entries.last else { return [] }
        return isFinished ? [] : try run(through: last.name)
    }

    /// The kept output of layer `name`, or nil if it has not run or was freed.
    public func output(of name: String) -> Tensor? { outputs[name] }

    /// Back to the start: forgets every output and timing.
    public func reset() {
        position = 0
        outputs = [:]
        timings = []
    }

    private func result(_ timing: (entry: LedgerEntry, seconds: Double)) -> LayerResult {
        LayerResult(entry: timing.entry, output: outputs[timing.entry.name] ?? Tensor(shape: [0], scalars: []), seconds: timing.seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
