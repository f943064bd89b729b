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
    /// Whether `run(through:)` and `runToEnd()` hand a residual block's up projection and
    /// its add to the backend as one step (`Backend.forwardResidualBlock`), where the
    /// retention policy does not keep the up projection's output and the backend fuses
    /// them. The up projection's output is then never made: in the results it is an
    /// empty tensor with 0 seconds, and the step's time is its block's add's. Where the
    /// up projection reads a concat that nothing else reads or keeps, the concat joins
    /// the step (the backend reads its inputs where they are) and is not made either.
    /// `step()` always runs one layer.
    public let fusesResidualBlocks: Bool

    /// Index in `ledger.entries` of the next entry to run.
    public private(set) var position = 0
    /// Whether the budget and the image passed `checkBeforeRunning` (neither changes
    /// afterwards, so a run after `reset()` is not checked again).
    private var checked = false
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
    /// Per entry, whether it is an up projection that may run in one step with the next
    /// entry, its block's add (read by nothing else, not kept, and fusing allowed).
    private let fusible: [Bool]
    /// Per entry, whether it is a concat that may join that step: read by the fusible up
    /// projection after it only, and not kept.
    private let joinsResidualBlock: [Bool]

    public init(
        ledger: Ledger, backend: Backend, input: Tensor, retain: Retention = .all, memoryBudget: MemoryBudget = .standard,
        fusesResidualBlocks: Bool = false
    ) {
        self.ledger = ledger
        self.backend = backend
        self.input = input
        self.retention = retain
        self.memoryBudget = memoryBudget
        self.fusesResidualBlocks = fusesResidualBlocks
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
        let keeps = entries.map { retain.keeps($0.name) }
        self.keeps = keeps
        expectedShapes = entries.map(\.outputTensorShape)
        outputs = Array(repeating: nil, count: entries.count)
        let fusible = entries.indices.map { index in
            fusesResidualBlocks && ledger.isUpProjection(at: index) && lastReader[index] == index + 1 && !keeps[index]
        }
        self.fusible = fusible
        let readers = inputIndices.reduce(into: [Int](repeating: 0, count: entries.count)) { counts, reads in
            for read in reads { counts[read] += 1 }
        }
        joinsResidualBlock = entries.indices.map { index in
            ledger.isConcatBeforeUpProjection(at: index) && fusible[index + 1] && readers[index] == 1 && !keeps[index]
        }
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
        guard !isFinished else { throw ComputationError.finished }
        if !checked { try checkBeforeRunning() }
        let index = position
        let inputs = inputs(of: index)
        let start = ContinuousClock.now
        // The entry is passed straight from the ledger, not copied first: a pass runs
        // 338 of them (see `LayerResult`).
        let (output, allFinite) = try backend.forwardCheckingFiniteness(ledger.entries[index], inputs: inputs)
        let seconds = (ContinuousClock.now - start).seconds
        try keep(output, allFinite: allFinite, of: index)
        release(after: index)
        timings.append((index, seconds))
        position += 1
        return LayerResult(entries: ledger.entries, index: index, output: output, seconds: seconds)
    }

    /// Runs the up projection at `position` and its block's add (the next entry) as one
    /// backend call (`fusible`); with `joiningConcat`, the concat at `position` too, the
    /// up projection after it reading the concat's inputs (`joinsResidualBlock`). False,
    /// with nothing run, when the backend does not fuse them.
    private func stepResidualBlock(joiningConcat: Bool = false) throws -> Bool {
        if !checked { try checkBeforeRunning() }
        let concat = joiningConcat ? position : nil
        let (up, add) = joiningConcat ? (position + 1, position + 2) : (position, position + 1)
        let entries = ledger.entries
        // The add reads [shortcut, up projection]; the up projection is not made.
        let shortcut = inputIndices[add][0]
        guard outputs[shortcut] != nil else {
            preconditionFailure("\(entries[shortcut].name) was freed before \(entries[add].name) read it")
        }
        // The add is the shortcut's last reader and the shortcut is not kept: the block's
        // output may take its place.
        let overwriting = retention != .all && lastReader[shortcut] == add && !keeps[shortcut]
        let input = concat.map(inputs(of:)) ?? inputs(of: up)
        let start = ContinuousClock.now
        guard
            let (output, allFinite) = try backend.forwardResidualBlock(
                upProjection: entries[up], residual: entries[add], input: input, shortcut: &outputs[shortcut]!,
                overwritingShortcut: overwriting)
        else { return false }
        let seconds = (ContinuousClock.now - start).seconds
        try keep(output, allFinite: allFinite, of: add)
        if let concat {
            release(after: concat)
            timings.append((concat, 0))
        }
        release(after: up)
        release(after: add)
        timings.append((up, 0))
        timings.append((add, seconds))
        position = add + 1
        return true
    }

    /// The tensors entry `index` reads, in its inputs' order (the image for the first).
    private func inputs(of index: Int) -> [Tensor] {
        let reads = inputIndices[index]
        if reads.isEmpty { return [input] }
        return reads.map { read in
            guard let tensor = outputs[read] else {
                preconditionFailure("\(ledger.entries[read].name) was freed before \(ledger.entries[index].name) read it")
            }
            return tensor
        }
    }

    /// Checks entry `index`'s output (its shape; every value finite, read here unless the
    /// backend saw every value it wrote) and keeps it.
    private func keep(_ output: Tensor, allFinite: Bool?, of index: Int) throws {
        guard output.shape == expectedShapes[index] else {
            throw ComputationError.outputShape(
                layer: ledger.entries[index].name, expected: expectedShapes[index], found: output.shape, backend: backend.name)
        }
        if allFinite != true, let nonFinite = output.firstNonFiniteIndex {
            throw ComputationError.nonFiniteOutput(
                layer: ledger.entries[index].name, index: nonFinite, value: output.scalars[nonFinite], backend: backend.name)
        }
        outputs[index] = output
    }

    /// Frees what no layer after entry `index` reads (never the last entry's output).
    private func release(after index: Int) {
        guard retention != .all else { return }
        for read in inputIndices[index] where lastReader[read] == index && !keeps[read] {
            outputs[read] = nil
        }
        if lastReader[index] == nil, index != ledger.entries.count - 1, !keeps[index] {
            outputs[index] = nil  // read by nobody (not the case in this network)
        }
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
        checked = true
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
            if position + 1 < target, joinsResidualBlock[position], try stepResidualBlock(joiningConcat: true) { continue }
            if position < target, fusible[position], try stepResidualBlock() { continue }
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

    /// Back to the start: forgets every output and timing. What the interpreter worked out
    /// from the ledger stays: a run after a reset costs no more set-up (`explore passes`
    /// and the bench time pass after pass on one interpreter).
    public func reset() {
        position = 0
        outputs = Array(repeating: nil, count: ledger.entries.count)
        timings = []
    }

    private func result(_ timing: (index: Int, seconds: Double)) -> LayerResult {
        LayerResult(
            entries: ledger.entries, index: timing.index, output: outputs[timing.index] ?? LayerResult.freedOutput, seconds: timing.seconds)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
