import NetworkModel

extension Ledger {
    /// Whether entry `index` is a residual block's up projection followed by its add: a
    /// convolution whose output the next entry, a residual add, reads as its second input.
    /// The interpreter may run the two as one step (`Interpreter.fusesResidualBlocks`).
    public func isUpProjection(at index: Int) -> Bool {
        guard index + 1 < entries.count, case .convolution = entries[index].layer.op,
            case .residual = entries[index + 1].layer.op
        else { return false }
        return entries[index + 1].layer.inputs.last == entries[index].name
    }

    /// Whether entry `index` is a concat read by the next entry, a residual block's up
    /// projection (`isUpProjection`), as its one input: the interpreter may run the three
    /// as one step, the up projection reading the concat's inputs where they are.
    public func isConcatBeforeUpProjection(at index: Int) -> Bool {
        guard index + 1 < entries.count, case .concat = entries[index].layer.op, isUpProjection(at: index + 1) else { return false }
        return entries[index + 1].layer.inputs == [entries[index].name]
    }
}
