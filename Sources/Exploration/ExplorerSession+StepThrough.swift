import NetworkModel

/// `explore step LAYER`: everything before LAYER one line per block, then LAYER op by op.
extension ExplorerSession {
    /// Runs the network up to `name` (a block, or one op) and steps through its ops; throws
    /// (one line) for unknown or unreachable names and computation failures.
    public func stepThrough(_ name: String) throws {
        isCommandLine = true
        let layer = try network.requireLayer(named: name)
        let ops = network.block(named: name)?.layers ?? [layer]
        let first = try index(of: ops[0].name)
        out.line(
            style.bold("explore step \(name)") + ": gemm \(settings.kernels.rawValue), " + settings.computeDescription
                + ", " + settings.networkDescription)
        if first > 0 {
            out.line("the \(first) op\(first == 1 ? "" : "s") before \(name), one line per block:")
            try runForward(through: first - 1, stopAtBreakpoints: false, closingLines: false)
        }
        let before = records.reduce(0) { $0 + $1.seconds }
        out.line("")
        if ops.count > 1 { out.line("\(style.layer(name)), op by op (\(ops.count) ops):") }
        let reachable = ops.filter { ledger.network.position(of: $0.name) != nil }.count
        try step(reachable)
        let during = records.dropFirst(first).reduce(0) { $0 + $1.seconds }
        out.line("")
        out.line("time: \(NumberFormat.milliseconds(before)) before \(name), \(NumberFormat.milliseconds(during)) in it")
        if atEnd, failure != nil { throw CommandError("the network breaks at \(failureLine)") }
    }
}
