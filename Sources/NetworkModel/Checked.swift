/// Overflow-checked arithmetic for sizes, counts and offsets read from files or typed
/// by a user: nil instead of a trap when the result does not fit an `Int`.
public enum Checked {
    /// The product of `factors` (1 for none), or nil on overflow or a negative factor.
    public static func product(_ factors: [Int]) -> Int? {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            result = next
        }
        return result
    }

    /// `a * b`, or nil on overflow.
    public static func product(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// `a + b`, or nil on overflow.
    public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : result
    }

    /// `value` as an `Int`, or nil when it is beyond `Int.max`.
    public static func int(_ value: UInt64) -> Int? {
        value <= UInt64(Int.max) ? Int(value) : nil
    }
}
