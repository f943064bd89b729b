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
    /// What the run may hold; checked before the first layer runs.
    public let memoryBudget: MemoryBudget

    /// Index in `ledger.entries` of the next entry to run.
    public private(set) var position = 0
    /// Outputs kept so far, by entry index (nil: not run yet, or freed).
    private var outputs: [Tensor?]
    /// What ran, in order: entry index and seconds (outputs live in `outputs`).
    private var timings: [(index: Int, seconds: Double)] = []

    // Worked out once from the ledger, so that a step does no name lookups or copies
    // of ledger entries (they cost about 2% of a fast pass).
    /// Entry index by layer name.
    private let indexByName: [String: Int]
    /// Per entry, the indices of the entries it reads (empty: it reads the image).
    private let inputIndices: [[Int]]
    /// Per entry, the index of the last entry that reads it (nil: none does).
    private let lastReader: [Int?]
    /// Per entry, whether the retention policy keeps its output.
    private let keeps: [Bool]
    /// Per entry, the output shape the ledger expects, `[1] + dims`.
    private let expectedShapes: [[Int]]

    public init(ledger: Ledger, backend: Backend, input: Tensor, retain: Retention = .all, memoryBudget: MemoryBudget = .standard) {
        self.ledger = ledger
        self.backend = backend
        self.input = input
        self.retention = retain
        self.memoryBudget = memoryBudget
        let entries = ledger.entries
        var indexByName: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByName[entry.name] = index }
        let inputIndices = entries.map { entry in
            entry.layer.inputs.map { name in
                guard let index = indexByName[name] else { preconditionFailure("\(entry.name) reads \(name), which is not in the ledger") }
                return index
            }
        }
        var lastReader = [Int?](repeating: nil, count: entries.count)
        for (index, reads) in inputIndices.enumerated() {
            for read in reads { lastReader[read] = index }
        }
        self.indexByName = indexByName
        self.inputIndices = inputIndices
        self.lastReader = lastReader
        keeps = entries.map { retain.keeps($0.name) }
        expectedShapes = entries.map(\.outputTensorShape)
        outputs = Array(repeating: nil, count: entries.count)
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
        if position == 0 { try checkBeforeRunning() }
        let reads = inputIndices[position]
        let inputs =
            reads.isEmpty
            ? [input]
            : reads.map { index in
                guard let tensor = outputs[index] else { preconditionFailure("\(ledger.entries[index].name) was freed before \(entry.name) read it") }
                return tensor
            }
        let start = ContinuousClock.now
        let (output, allFinite) = try backend.forwardCheckingFiniteness(entry, inputs: inputs)
        let seconds = (ContinuousClock.now - start).seconds
        guard output.shape == expectedShapes[position] else {
            throw ComputationError.outputShape(layer: entry.name, expected: expectedShapes[position], found: output.shape, backend: backend.name)
        }
        // Every output is checked: read here, unless the backend saw every value it wrote.
        if allFinite != true, let index = output.firstNonFiniteIndex {
            throw ComputationError.nonFiniteOutput(layer: entry.name, index: index, value: output.scalars[index], backend: backend.name)
        }
        outputs[position] = output
        // Free what no later layer reads (never the output just computed).
        if retention != .all {
            for index in reads where lastReader[index] == position && !keeps[index] {
                outputs[index] = nil
            }
            if lastReader[position] == nil, position != ledger.entries.count - 1, !keeps[position] {
                outputs[position] = nil  // read by nobody (not the case in this network)
            }
        }
        timings.append((position, seconds))
        position += 1
        return LayerResult(entry: entry, output: output, seconds: seconds)
    }

    /// Bytes the run holds at its peak under the retention policy: the image, the weights
    /// once, and the largest set of outputs alive at the same time (an output lives from
    /// its layer to its last reader, or to the end when kept).
    public var plannedPeakBytes: Int {
        let entries = ledger.entries
        var live = input.count * 4
        var peak = live
        for (position, entry) in entries.enumerated() {
            live += entry.activationBytes
            peak = max(peak, live)
            guard retention != .all else { continue }
            for index in inputIndices[position] where lastReader[index] == position && !keeps[index] {
                live -= entries[index].activationBytes
            }
        }
        return peak + ledger.parameterCount * 4
    }

    /// Refuses a run over the memory budget and an image with NaN or infinities, before computing.
    private func checkBeforeRunning() throws {
        let needed = plannedPeakBytes
        guard needed <= memoryBudget.bytes else {
            let kept = retention == .all ? "every output kept" : "outputs freed once read"
            throw ComputationError.overBudget(
                needed: needed, budget: memoryBudget,
                detail: "input \(ledger.network.configuration.inputSize), bottleneck \(ledger.network.configuration.bottleneck), \(kept)")
        }
        if let index = input.firstNonFiniteIndex {
            throw ComputationError.nonFiniteInput(index: index, value: input.scalars[index])
        }
    }

    /// Runs every entry up to and including `name`; returns what ran now (nothing if
    /// `name` already ran). An unknown name throws `NetworkError.unknownLayer` with suggestions.
    @discardableResult
    public func run(through name: String) throws -> [LayerResult] {
        _ = try ledger.network.requireLayer(named: name)
        guard let target = indexByName[name] else {
            throw NetworkError.unknownLayer(name, suggestions: [])
        }
        // The results are made at the end from `timings`: holding each step's result
        // until then would keep every output of the run alive to its end, whatever the
        // retention policy freed.
        let first = timings.count
        while position <= target {
            try step()
        }
        return timings[first...].map(result)
    }

    /// Runs every remaining entry.
    @discardableResult
    public func runToEnd() throws -> [LayerResult] {
        guard let last = ledger.entries.last else { return [] }
        return isFinished ? [] : try run(through: last.name)
    }

    /// The kept output of layer `name`, or nil if it has not run or was freed.
    public func output(of name: String) -> Tensor? { indexByName[name].flatMap { outputs[$0] } }

    /// Back to the start: forgets every output and timing.
    public func reset() {
        position = 0
        outputs = Array(repeating: nil, count: ledger.entries.count)
        timings = []
    }

    private func result(_ timing: (index: Int, seconds: Double)) -> LayerResult {
        LayerResult(entry: ledger.entries[timing.index], output: outputs[timing.index] ?? Tensor(shape: [0], scalars: []), seconds: timing.seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
