import NetworkModel

/// Where pixels are lost: the layers whose windows never read some input rows or columns.
public enum LossSummary {
    /// One line per lossy layer under a heading, or one line saying no pixel is lost.
    public static func text(_ entries: [LedgerEntry]) -> String {
        let lossy = entries.filter(\.isLossy)
        guard !lossy.isEmpty else { return "pixels lost: none (every window reads every row and column of its input)\n" }
        var lines = ["pixels lost in \(count(lossy.count, "layer")) (the bottom rows and right columns no window reads):"]
        for entry in lossy {
            lines.append("  \(entry.name): " + parts(entry) + " of its \(entry.input.spatial) input")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 row and 1 column`, `2 columns`.
    static func parts(_ entry: LedgerEntry) -> String {
        var parts: [String] = []
        if !entry.lostRows.isEmpty { parts.append(count(entry.lostRows.count, "row")) }
        if !entry.lostColumns.isEmpty { parts.append(count(entry.lostColumns.count, "column")) }
        return parts.joined(separator: " and ")
    }

    /// `1 row`, `3 rows`.
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)" + (value == 1 ? "" : "s")
    }
}
