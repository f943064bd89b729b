import Tensors

/// A deterministic SplitMix64 stream for random test data, so that a failing random
/// test reproduces. Test data only; the generated weights have their own spec.
public struct SeededFloats: RandomNumberGenerator {
    private var bits: SplitMix64

    public init(seed: UInt64) { bits = SplitMix64(seed: seed) }

    /// The next raw 64 bits (also drives `Int.random(in:using:)`).
    public mutating func next() -> UInt64 { bits.next() }

    /// Uniform in [-1, 1), exact in float32: the top 24 bits scaled.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-23 - 1
    }

    public mutating func array(_ count: Int) -> [Float] { (0..<count).map { _ in nextFloat() } }

    /// A tensor of `shape` filled in row-major order.
    public mutating func tensor(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: array(shape.reduce(1, *)))
    }
}
