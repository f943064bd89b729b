import NetworkModel

/// The network and what the ledger could derive from it: every entry, or the
/// entries before the first layer that breaks, and that failure.
public struct DiagramSource: Sendable {
    public let network: Network
    /// Entries by layer name (all layers, or those before the failure).
    public let entries: [String: LedgerEntry]
    /// The layer the arithmetic rejected, if any (a what-if that breaks the network).
    public let failure: LedgerError?

    /// Runs the ledger over `network`, keeping a failure instead of throwing it.
    public init(network: Network) {
        self.network = network
        do {
            let ledger = try Ledger(network: network)
            entries = Dictionary(uniqueKeysWithValues: ledger.entries.map { ($0.name, $0) })
            failure = nil
        } catch {
            entries = Dictionary(uniqueKeysWithValues: error.partial.map { ($0.name, $0) })
            failure = error
        }
    }

    public init(ledger: Ledger) {
        network = ledger.network
        entries = Dictionary(uniqueKeysWithValues: ledger.entries.map { ($0.name, $0) })
        failure = nil
    }

    public func entry(_ name: String) -> LedgerEntry? { entries[name] }

    /// Whether `name` is the layer the ledger rejected.
    public func isFailing(_ name: String) -> Bool { failure?.layer == name }

    /// Whether `name` can be drawn: it has figures, or it is the failing layer.
    func isDrawable(_ name: String) -> Bool { entries[name] != nil || isFailing(name) }

    /// `17x17x320`, or nil when the layer was never reached.
    func shape(_ name: String) -> String? { entries[name]?.output.description }
}
