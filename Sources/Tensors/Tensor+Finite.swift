/// Finding NaN and infinities fast enough to check every activation of a pass.
extension Tensor {
    /// The index of the first NaN or infinity, or nil when every scalar is finite.
    /// The common all-finite case is one vectorised pass (`x - x` is 0 for a finite
    /// `x` and NaN otherwise); only a tensor that fails it is searched element by element.
    public var firstNonFiniteIndex: Int? {
        scalars.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var accumulator = SIMD16<Float>(repeating: 0)
            var index = 0
            let raw = UnsafeRawPointer(base)
            while index + 16 <= count {
                let vector = raw.loadUnaligned(fromByteOffset: index * 4, as: SIMD16<Float>.self)
                accumulator += vector - vector
                index += 16
            }
            var tail: Float = 0
            while index < count {
                tail += buffer[index] - buffer[index]
                index += 1
            }
            guard accumulator.sum() + tail != 0 else { return nil }
            return buffer.firstIndex { !$0.isFinite }
        }
    }
}
