import JSONText
import NetworkModel

/// Every input size of a range through the shape arithmetic: whether the network runs,
/// the first layer that breaks and why, and which layers lose pixels.
public struct InputSweep: Sendable {
    /// What one input size does to the network.
    public enum Outcome: Equatable, Sendable {
        /// The first layer whose inputs do not fit it, and TensorFlow's reason.
        case breaks(layer: String, reason: String)
        /// The network runs; these layers never read some rows or columns.
        case runs(lossy: [String])
    }

    public let sizes: ClosedRange<Int>
    public let outcomes: [Outcome]

    /// Derives the ledger of `base` at every size of `sizes` (the other settings kept).
    public init(sizes: ClosedRange<Int>, base: NetworkConfiguration) {
        self.sizes = sizes
        outcomes = sizes.map { size in
            var configuration = base
            configuration.inputSize = size
            do {
                let ledger = try Ledger(network: Network.faceNet(configuration))
                return .runs(lossy: ledger.entries.filter(\.isLossy).map(\.name))
            } catch let error as LedgerError {
                return .breaks(layer: error.layer, reason: error.reason)
            } catch {
                return .breaks(layer: "inputs", reason: String(describing: error))
            }
        }
    }

    /// One line per size.
    public func lines() -> [String] {
        let width = String(sizes.upperBound).count
        return zip(sizes, outcomes).map { size, outcome in
            let label = String(repeating: " ", count: width - String(size).count) + String(size)
            switch outcome {
            case .breaks(let layer, let reason): return "\(label)  breaks at \(layer): \(reason)"
            case .runs(let lossy) where lossy.isEmpty: return "\(label)  runs, loses nothing"
            case .runs(let lossy): return "\(label)  runs, loses pixels in \(LossSummary.count(lossy.count, "layer")): " + lossy.joined(separator: ", ")
            }
        }
    }

    /// The sizes grouped by what happens to them, each group told as ranges or a progression.
    public func summary() -> [String] {
        var breaking: [(layer: String, sizes: [Int], reason: String)] = []
        var lossless: [Int] = []
        var lossy: [Int] = []
        var running: [Int] = []
        var lossyCounts: [String: Int] = [:]
        for (size, outcome) in zip(sizes, outcomes) {
            switch outcome {
            case .breaks(let layer, let reason):
                if let index = breaking.firstIndex(where: { $0.layer == layer }) {
                    breaking[index].sizes.append(size)
                } else {
                    breaking.append((layer, [size], reason))
                }
            case .runs(let names):
                running.append(size)
                if names.isEmpty { lossless.append(size) } else { lossy.append(size) }
                for name in names { lossyCounts[name, default: 0] += 1 }
            }
        }
        var lines = ["\(sizes.count) sizes, \(sizes.lowerBound) to \(sizes.upperBound): \(running.count) run, \(sizes.count - running.count) break"]
        for group in breaking {
            lines.append(
                "  \(SizeSet(group.sizes, within: sizes).description) \(group.sizes.count == 1 ? "breaks" : "break") at \(group.layer) (at \(group.sizes.last!): \(group.reason))"
            )
        }
        if !lossless.isEmpty {
            lines.append("  \(SizeSet(lossless, within: sizes).description) \(lossless.count == 1 ? "runs and loses" : "run and lose") nothing")
        }
        if !lossy.isEmpty {
            let others = SizeSet(lossy, within: sizes, complementOf: lossless)
            let common = lossyCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(4).map { "\($0.key) (\($0.value))" }
            lines.append(
                "  \(others.description) \(lossy.count == 1 ? "runs but loses" : "run but lose") pixels; most often in " + common.joined(separator: ", "))
        }
        return lines
    }

    public func json() -> JSONValue {
        .object([
            ("from", .int(sizes.lowerBound)),
            ("to", .int(sizes.upperBound)),
            (
                "sizes",
                .array(
                    zip(sizes, outcomes).map { size, outcome in
                        switch outcome {
                        case .breaks(let layer, let reason):
                            .object([
                                ("size", .int(size)), ("runs", .bool(false)), ("breaks_at", .string(layer)), ("reason", .string(reason)), ("lossy", .array([])),
                            ])
                        case .runs(let lossy):
                            .object([
                                ("size", .int(size)), ("runs", .bool(true)), ("breaks_at", .null), ("reason", .null),
                                ("lossy", .array(lossy.map(JSONValue.string))),
                            ])
                        }
                    })
            ),
            ("summary", .array(summary().map { .string($0.trimmingLeadingSpaces) })),
        ])
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop(while: { $0 == " " })) }
}
