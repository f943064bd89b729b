import JSONText

/// How many times longer one subject took than another: the ratio of their medians,
/// the only way `explore bench` compares two subjects.
public struct MedianRatio: Sendable, Equatable {
    public let numerator: Measurement
    public let denominator: Measurement

    public init(_ numerator: Measurement, over denominator: Measurement) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `numerator.median / denominator.median`.
    public var value: Double { numerator.ratio(to: denominator) }

    /// `naive/fast`: the numerator's name over the denominator's.
    public var name: String { "\(numerator.name)/\(denominator.name)" }

    /// `name`, `numerator`, `denominator` (subject names) and `value`.
    public var json: JSONValue {
        .object([
            ("name", .string(name)), ("numerator", .string(numerator.name)), ("denominator", .string(denominator.name)),
            ("value", .double(value)),
        ])
    }
}
