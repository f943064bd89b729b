import Computation
import NetworkModel
import Tensors

/// Moving through the network: step, next, continue, run to, back, reset, breakpoints, where.
extension ExplorerSession {
    var atEnd: Bool { cursor >= ledger.entries.count }
    var total: Int { ledger.entries.count }

    func ensureExecutor() throws -> OpExecutor {
        if let executor {
            guard executor.position == records.count else {
                throw CommandError("the computation is out of step with the session (at \(executor.position), expected \(records.count)): 'reset' starts again")
            }
            return executor
        }
        let input = try self.input ?? settings.makeInput()
        self.input = input
        records = []
        let weights = try settings.makeWeights(for: ledger, warning: { self.out.error("explore: warning: \($0)") })
        let backend = try settings.makeBackend(ledger: ledger, weights: weights)
        let made = InterpreterExecutor(
            ledger: ledger, backend: backend, input: input,
            reference: { [ledger] in try NaiveBackend(ledger: ledger, weights: weights) })
        executor = made
        return made
    }

    /// Moves the cursor over the next op, computing it unless `back` left it computed.
    func advance() throws -> (record: StepRecord, replayed: Bool) {
        if cursor < records.count {
            cursor += 1
            return (records[cursor - 1], true)
        }
        let executor = try ensureExecutor()
        let (output, seconds) = try executor.step()
        let record = StepRecord(entry: ledger.entries[cursor], output: output, seconds: seconds)
        records.append(record)
        cursor += 1
        return (record, false)
    }

    /// What stepping past the last op says: the run is complete, or where the what-if breaks it.
    var endMessage: String {
        if let failure {
            return style.red("stopped: the network breaks at \(failureLine)")
                + "; \(NumberFormat.count(failure.partial.count, "op")) ran before it." + (isCommandLine ? "" : " Undo the what-if with 'set' (see 'where').")
        }
        return "the run is complete: \(ledger.entries.last?.name ?? "") is computed (\(total) ops); 'reset' starts again"
    }

    func isBreakpoint(_ index: Int) -> Bool {
        breakpoints.contains { breakIndex(of: $0) == index }
    }

    func breakpointMessage() -> String {
        let entry = ledger.entries[cursor]
        let names = breakpoints.filter { breakIndex(of: $0) == cursor }.joined(separator: ", ")
        return style.yellow("breakpoint \(names)") + ": stopped before \(style.layer(entry.name)) (op \(cursor + 1) of \(total))"
    }

    // MARK: - Commands

    public func step(_ count: Int) throws {
        for taken in 0..<count {
            guard !atEnd else {
                out.line(endMessage)
                return
            }
            if taken > 0 && isBreakpoint(cursor) {
                out.line(breakpointMessage())
                return
            }
            if taken > 0 && Interrupt.take() {
                out.line(style.yellow("interrupted") + " after \(NumberFormat.count(taken, "op"))")
                return
            }
            let (record, replayed) = try advance()
            var lines = report.opLines(
                record.entry, position: cursor, total: total, output: record.output, seconds: record.seconds,
                golden: goldenStatus(record))
            if replayed { lines[0] += style.dim("   (computed before; replayed)") }
            for line in lines { out.line(line) }
            if showsSubSteps { try subStepLines(record.entry) }
            if let block = network.block(named: record.entry.name) {
                for line in report.closingLines(for: block, ledger: ledger) { out.line(line) }
            }
        }
        // `explore step` says it once, as its error line.
        if atEnd && failure != nil && !isCommandLine { out.line(endMessage) }
    }

    public func next(_ count: Int) throws {
        for _ in 0..<count {
            guard !atEnd else {
                out.line(endMessage)
                return
            }
            let group = groupKey(ledger.entries[cursor])
            var last = cursor
            while last + 1 < total && groupKey(ledger.entries[last + 1]) == group { last += 1 }
            if try runForward(through: last, stopAtBreakpoints: true) { return }
        }
    }

    public func continueRun() throws {
        guard !atEnd else {
            out.line(endMessage)
            return
        }
        if try runForward(through: total - 1, stopAtBreakpoints: true) { return }
    }

    public func run(to name: String?) throws {
        guard let name else {
            guard !atEnd else {
                out.line(endMessage)
                return
            }
            try runForward(through: total - 1, stopAtBreakpoints: false)
            return
        }
        _ = try network.requireLayer(named: name)
        guard let target = ledger.network.position(of: name) else {
            // Past a what-if's failure: compute what can be computed, then say where it stops.
            // (runForward ends with the line saying where and why it stopped.)
            guard !atEnd else {
                out.line(endMessage)
                return
            }
            try runForward(through: total - 1, stopAtBreakpoints: false)
            return
        }
        if target < cursor {
            cursor = target + 1
            out.line("\(style.layer(name)) was already computed: cursor moved back to it (\(ledger.entries[target].output))")
            return
        }
        try runForward(through: target, stopAtBreakpoints: false)
    }

    /// Runs ops until entry `target` is done, printing one line per block; true when it
    /// stopped early (breakpoint or end of a broken network).
    @discardableResult
    func runForward(through target: Int, stopAtBreakpoints: Bool, closingLines: Bool = true) throws -> Bool {
        var group: [StepRecord] = []
        func flush() {
            guard let first = group.first, let last = group.last else { return }
            let key = groupKey(first.entry)
            out.line(report.blockLine(name: key, entries: group.map(\.entry), output: last.output, seconds: group.reduce(0) { $0 + $1.seconds }))
            group = []
        }
        var ran = 0
        defer { flush() }
        while cursor <= target && !atEnd {
            if ran > 0 && Interrupt.take() {
                flush()
                out.line(style.yellow("interrupted") + ": stopped before \(style.layer(ledger.entries[cursor].name)) (op \(cursor + 1) of \(total))")
                return true
            }
            if stopAtBreakpoints && ran > 0 && isBreakpoint(cursor) {
                flush()
                out.line(breakpointMessage())
                return true
            }
            if let first = group.first, groupKey(first.entry) != groupKey(ledger.entries[cursor]) { flush() }
            group.append(try advance().record)
            ran += 1
        }
        flush()
        if closingLines, let last = records.prefix(cursor).last, let block = network.block(named: last.entry.name) {
            for line in report.closingLines(for: block, ledger: ledger, detailed: false) { out.line(line) }
        }
        if atEnd {
            out.line(endMessage)
            return failure != nil
        }
        return false
    }

    /// The stages inside an op, each with the statistics of its value.
    func subStepLines(_ entry: LedgerEntry) throws {
        guard let stages = try executor?.subSteps(of: entry), stages.count > 1 else { return }
        for (name, output) in stages {
            out.line("        = " + name.padding(toLength: max(12, name.count + 1), withPad: " ", startingAt: 0) + NumberFormat.statistics(output.statistics))
        }
    }

    /// Ops of one block share a key (the block's name); stem and head layers are their own.
    func groupKey(_ entry: LedgerEntry) -> String { entry.layer.block ?? entry.name }

    public func back(_ count: Int) {
        guard cursor > 0 else {
            out.line("already at the start: nothing computed before 'inputs'")
            return
        }
        cursor = max(0, cursor - count)
        if cursor == 0 {
            out.line("back at the start; \(records.count) computed ops are kept, 'step' replays them")
        } else {
            let entry = ledger.entries[cursor - 1]
            out.line(
                "back at \(style.layer(entry.name)) (op \(cursor) of \(total)) -> \(entry.output); 'step' replays the \(records.count - cursor) op\(records.count - cursor == 1 ? "" : "s") after it"
            )
        }
    }

    public func reset() {
        records = []
        cursor = 0
        executor?.reset()
        out.line("reset: nothing computed; the next op is \(ledger.entries.first?.name ?? "inputs")")
    }

    public func breakAt(_ name: String?) throws {
        guard let name else {
            if breakpoints.isEmpty {
                out.line("no breakpoints: 'break LAYER' sets one")
                return
            }
            for (number, point) in breakpoints.enumerated() { out.line("  \(number + 1). \(describeBreakpoint(point))") }
            return
        }
        _ = try network.requireLayer(named: name)
        guard !breakpoints.contains(name) else {
            out.line("breakpoint at \(name) is already set")
            return
        }
        breakpoints.append(name)
        out.line("breakpoint \(breakpoints.count) at \(describeBreakpoint(name))")
    }

    func describeBreakpoint(_ name: String) -> String {
        guard let index = breakIndex(of: name) else { return "\(style.layer(name)) (not reached: the network breaks earlier)" }
        let first = ledger.entries[index].name
        return first == name ? "\(style.layer(name)) (op \(index + 1))" : "\(style.layer(name)): stops before \(first) (op \(index + 1))"
    }

    public func delete(_ name: String?) throws {
        guard let name else {
            out.line(breakpoints.isEmpty ? "no breakpoints to delete" : "deleted \(breakpoints.count) breakpoint(s)")
            breakpoints = []
            return
        }
        guard let position = breakpoints.firstIndex(of: name) else {
            let hint = breakpoints.isEmpty ? "there are none" : "set: " + breakpoints.joined(separator: ", ")
            throw CommandError("no breakpoint at '\(name)' (\(hint))")
        }
        breakpoints.remove(at: position)
        out.line("deleted the breakpoint at \(name)")
    }

    public func whereAmI() {
        if cursor == 0 {
            out.line("at the start: nothing stepped over yet (op 0 of \(total))")
        } else {
            let last = records[cursor - 1]
            let place = [last.entry.layer.block, last.entry.layer.branch].compactMap { $0 }.joined(separator: " ")
            out.line(
                "at op \(cursor) of \(total): last \(style.layer(last.entry.name))\(place.isEmpty ? "" : " (\(place))") -> "
                    + style.figure(last.entry.output.description) + " (tensor " + last.output.shapeDescription + ")")
        }
        if cursor < records.count { out.line("\(NumberFormat.count(records.count - cursor, "op")) after it are computed; 'step' replays them") }
        if !atEnd {
            let next = ledger.entries[cursor]
            out.line("next: \(style.layer(next.name)): \(StepReport.opDescription(next))   \(StepReport.inputShapes(next)) -> \(next.output)")
        } else {
            out.line(endMessage)
        }
        out.line("network: \(settings.networkDescription)" + (failure != nil ? style.red(" - breaks at \(failureLine)") : ""))
        out.line("compute: gemm \(settings.kernels.rawValue), " + settings.computeDescription)
        out.line("golden: " + (goldenVerifier() != nil ? "every computed op is compared with Keras's output" : (golden.reason ?? "not compared")))
        out.line("breakpoints: " + (breakpoints.isEmpty ? "none" : breakpoints.joined(separator: ", ")))
    }
}
