import Foundation

/// How many bytes of activations and weights a run may hold, known before it starts.
public struct MemoryBudget: Sendable, Equatable {
    public let bytes: Int
    /// Where the figure comes from, for the refusal message.
    public let origin: String

    /// Three quarters of this machine's memory, at most 16 GiB: what one explorer run may
    /// take without pushing the machine into swap.
    public static var standard: MemoryBudget {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        let share = physical / 4 * 3
        let ceiling = 16 << 30
        return share <= ceiling
            ? MemoryBudget(bytes: share, origin: "three quarters of this machine's \(gibibytes(physical))")
            : MemoryBudget(bytes: ceiling, origin: "the explorer's ceiling")
    }

    /// `1.25 GiB`, `300 MiB`.
    public static func gibibytes(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= Double(1 << 30) { return "\(Double(Int(value / Double(1 << 30) * 100)) / 100) GiB" }
        return "\(Int((value / Double(1 << 20)).rounded(.up))) MiB"
    }
}
