/// A running sum of `x - x` over values: 0 while every `x` is finite, NaN once one is
/// not (and from then on). The one test for NaN and infinities: a tensor's search
/// (`firstNonFiniteIndex`) and the fast kernels that look at values as they write them.
public struct FiniteSum {
    // Inlinable, with its storage, so that a loop in another module (a GEMM tile's
    // write-out, the residual add) keeps the sum in a register rather than calling out
    // for every 16 values.
    @usableFromInline var sum = SIMD16<Float>()
    @usableFromInline var tail: Float = 0

    @inlinable public init() {}

    @inlinable public var isFinite: Bool { sum.sum() + tail == 0 }

    @inlinable @inline(__always)
    public mutating func add(_ values: SIMD16<Float>) { sum += values - values }

    @inlinable @inline(__always)
    public mutating func add(_ value: Float) { tail += value - value }

    /// Adds every float of `buffer`, 16 at a time.
    @inlinable
    public mutating func add(_ buffer: UnsafeBufferPointer<Float>) {
        guard let base = buffer.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 16 <= buffer.count {
            add(raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self))
            index += 16
        }
        while index < buffer.count {
            add(base[index])
            index += 1
        }
    }
}
