import Synchronization

/// A running sum of `x - x` over values as they are written: 0 while every `x` is
/// finite, NaN once one is not (and from then on). Looking at values this way while
/// they are in registers or L1 spares reading a whole output again to find a NaN.
public struct FiniteSum {
    // Inlinable, with its storage, so that a loop in another module (the residual add)
    // keeps the sum in a register rather than calling out for every 16 values.
    @usableFromInline var sum = SIMD16<Float>()
    @usableFromInline var tail: Float = 0

    @inlinable public init() {}

    @inlinable public var isFinite: Bool { sum.sum() + tail == 0 }

    @inlinable
    public mutating func add(_ values: SIMD16<Float>) { sum += values - values }

    @inlinable
    public mutating func add(_ value: Float) { tail += value - value }

    /// Adds rows `0..<height`, columns `0..<width` (at most 16) of the matrix at `c`.
    @inline(__always)
    mutating func add(_ c: UnsafePointer<Float>, ldc: Int, height: Int, width: Int) {
        if width == 16 {
            for r in 0..<height { add(UnsafeRawPointer(c + r * ldc).loadUnaligned(as: SIMD16<Float>.self)) }
        } else {
            for r in 0..<height {
                for j in 0..<width { add(c[r * ldc + j]) }
            }
        }
    }
}

/// Whether any of the workers of one parallel loop wrote a NaN or an infinity.
public final class NonFiniteFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func set() { flag.store(true, ordering: .relaxed) }
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}
