/// The summary the explorer prints for every activation.
public struct TensorStatistics: Sendable, Equatable {
    public let count: Int
    public let min: Float
    public let max: Float
    public let mean: Double
    public let standardDeviation: Double
    /// Fraction of exact zeros (ReLU sparsity).
    public let zeroFraction: Double
    public let nanCount: Int
    public let infinityCount: Int

    /// Statistics over the finite scalars; NaN and infinities are counted, not averaged.
    public init(_ scalars: [Float]) {
        var minimum = Float.infinity
        var maximum = -Float.infinity
        var sum = 0.0
        var sumOfSquares = 0.0
        var zeros = 0
        var nans = 0
        var infinities = 0
        var finite = 0
        for value in scalars {
            if value.isNaN {
                nans += 1
                continue
            }
            if value.isInfinite {
                infinities += 1
                continue
            }
            finite += 1
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            sum += Double(value)
            sumOfSquares += Double(value) * Double(value)
            if value == 0 { zeros += 1 }
        }
        count = scalars.count
        min = finite > 0 ? minimum : .nan
        max = finite > 0 ? maximum : .nan
        mean = finite > 0 ? sum / Double(finite) : .nan
        let variance = finite > 0 ? Swift.max(sumOfSquares / Double(finite) - mean * mean, 0) : .nan
        standardDeviation = variance.squareRoot()
        zeroFraction = count > 0 ? Double(zeros) / Double(count) : 0
        nanCount = nans
        infinityCount = infinities
    }
}

extension Tensor {
    public var statistics: TensorStatistics { TensorStatistics(scalars) }
}
