/// Finding NaN and infinities fast enough to check every activation of a pass.
extension Tensor {
    /// The index of the first NaN or infinity, or nil when every scalar is finite.
    /// The common all-finite case is one vectorised pass (`FiniteSum`); only a tensor
    /// that fails it is searched element by element.
    public var firstNonFiniteIndex: Int? {
        scalars.withUnsafeBufferPointer { buffer -> Int? in
            var sum = FiniteSum()
            sum.add(buffer)
            return sum.isFinite ? nil : buffer.firstIndex { !$0.isFinite }
        }
    }
}
