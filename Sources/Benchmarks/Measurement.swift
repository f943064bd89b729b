import JSONText

/// One subject's timed samples under `BenchProtocol`, and the statistic every figure uses.
public struct Measurement: Sendable, Equatable {
    public let name: String
    public let threads: Int
    /// Seconds per call, one per timed sample, in the order they were taken.
    public let samples: [Double]

    public init(name: String, threads: Int, samples: [Double]) {
        self.name = name
        self.threads = threads
        self.samples = samples
    }

    /// The median sample (the mean of the middle two for an even count); NaN for none.
    public var median: Double { Self.median(samples) }

    /// The median of `values` (the mean of the middle two for an even count); NaN for none.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var min: Double { samples.min() ?? .nan }
    public var max: Double { samples.max() ?? .nan }

    /// How many times slower this subject is than `other`: the ratio of the medians.
    public func ratio(to other: Measurement) -> Double { median / other.median }

    /// `name`, `threads`, `samples`, `median`, `min`, `max` (seconds per call).
    public var json: JSONValue {
        .object([
            ("name", .string(name)),
            ("threads", .int(threads)),
            ("samples", .array(samples.map(JSONValue.double))),
            ("median", .double(median)),
            ("min", .double(min)),
            ("max", .double(max)),
        ])
    }
}
