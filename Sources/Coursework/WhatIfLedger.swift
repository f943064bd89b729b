import Foundation
import NetworkModel

/// The ledger of a what-if network, also when it breaks: the entries before the failing
/// layer, and the failure.
struct WhatIfLedger: Sendable {
    let network: Network?
    let entries: [LedgerEntry]
    /// The failing layer and the ledger's one-line reason.
    let failure: (layer: String, description: String)?

    /// The ledger of `whatIf`, remembered: grading draws a sheet's questions again, and a
    /// question may be solved several times.
    static func of(_ whatIf: WhatIf) -> WhatIfLedger { LedgerCache.shared.ledger(for: whatIf) }

    init(_ whatIf: WhatIf) {
        let network = try? Network.faceNet(whatIf.configuration)
        self.network = network
        guard let network else {
            entries = []
            failure = nil
            return
        }
        do {
            entries = try Ledger(network: network).entries
            failure = nil
        } catch {
            entries = error.partial
            failure = (error.layer, error.description)
        }
    }

    func entry(_ name: String) -> LedgerEntry? { entries.first { $0.name == name } }

    /// Where and why the network breaks, nil when it does not.
    var breakPoint: BreakPoint? {
        guard let failure, let op = network?.layer(named: failure.layer)?.op, let cause = BreakCause(failingOp: op) else { return nil }
        return BreakPoint(layer: failure.layer, cause: cause)
    }

    /// Entries outside blocks and block outputs up to `last`, keeping only those that change
    /// the shape (and `last` itself): the short walk a student would write down.
    func walk(upTo last: String?) -> [String] {
        var lines: [String] = []
        var previous: Shape? = nil
        for entry in entries {
            let isMainPath = entry.layer.block == nil || entry.name == entry.layer.block
            if isMainPath && (entry.output != previous || entry.name == last) {
                lines.append(Self.line(entry))
                previous = entry.output
            }
            if entry.name == last { break }
        }
        return lines
    }

    /// `Conv2d_1a_3x3: 3x3/2 VALID, 160x160x3 -> 79x79x32`.
    static func line(_ entry: LedgerEntry) -> String {
        let window = entry.window.map { "\($0.kernel)/\($0.stride.height) \($0.padding.rawValue), " } ?? ""
        let input = entry.inputShapes.count == 1 ? "\(entry.input) -> " : ""
        return "\(entry.name): \(window)\(input)\(entry.output)"
    }
}

/// The last few what-if ledgers, shared by every thread.
private final class LedgerCache: @unchecked Sendable {
    static let shared = LedgerCache()
    private let lock = NSLock()
    private var ledgers: [WhatIf: WhatIfLedger] = [:]

    func ledger(for whatIf: WhatIf) -> WhatIfLedger {
        if let known = lock.withLock({ ledgers[whatIf] }) { return known }
        let ledger = WhatIfLedger(whatIf)
        lock.withLock {
            if ledgers.count >= 256 { ledgers.removeAll() }
            ledgers[whatIf] = ledger
        }
        return ledger
    }
}
