import LedgerReports

/// Counts and index ranges as a reader says them.
extension NumberFormat {
    /// `1 op`, `3 ops`.
    public static func count(_ value: Int, _ noun: String) -> String { LossSummary.count(value, noun) }

    /// The indices `lower..<upper` as `0-383` (inclusive, as people count), or `5` for one.
    public static func span(_ lower: Int, _ upper: Int) -> String {
        upper - lower == 1 ? "\(lower)" : "\(lower)-\(upper - 1)"
    }
}
