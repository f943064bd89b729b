/// The verdict on one layer for one input.
public struct LayerCheck: Sendable, Codable {
    public let layer: String
    /// `conv`, `avgpool`, `residual`, ...
    public let op: String
    public let shape: [Int]
    /// Values compared one by one (the whole tensor, or the stored samples).
    public let compared: Int
    public let whole: Bool
    public let maxAbsoluteError: Double
    /// `|a - b| / max(|ref|, layer RMS)`: relative to the value, or to the layer's
    /// typical magnitude for values smaller than that.
    public let maxRelativeError: Double
    /// Where `maxRelativeError` occurs.
    public let worst: LayerPosition?
    public let worstReference: Double?
    public let worstOurs: Double?
    public let maxRelativeErrorOnBorder: Double
    public let maxRelativeErrorInside: Double
    /// Values outside the tolerance, on the border and inside.
    public let failuresOnBorder: Int
    public let failuresInside: Int
    /// Summaries of the whole tensor that disagree beyond what the tolerance allows
    /// (`sum`, `sum of squares`, `min`, `max`): they catch errors between the samples.
    public let statisticFailures: [String]
    /// NaN or infinite values in our output.
    public let nonFinite: Int
    public let passed: Bool
    /// What the pattern of errors points to, for a failing layer.
    public let hint: String?

    public var failures: Int { failuresOnBorder + failuresInside }
}
