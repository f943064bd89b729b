import Tensors

extension Naive {
    /// Fully connected layer without bias: `y[o] = sum over i of x[i] * w[i, o]`.
    ///
    /// - Parameters:
    ///   - input: `[1, in]`
    ///   - weights: `[in, out]`
    /// - Returns: `[1, out]`
    public static func fullyConnected(_ input: Tensor, weights: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[0] == 1, "fully connected input must be [1, n], got \(input.shape)")
        let n = input.shape[1]
        precondition(weights.rank == 2 && weights.shape[0] == n, "fully connected weights \(weights.shape) do not read \(n) values")
        let units = weights.shape[1]
        var output = [Float](repeating: 0, count: units)
        input.scalars.withUnsafeBufferPointer { x in  // [in]
            weights.scalars.withUnsafeBufferPointer { k in  // [in, out]
                output.withUnsafeMutableBufferPointer { y in  // [out]
                    for i in 0..<n {
                        let value = x[i]
                        for o in 0..<units {
                            y[o] += value * k[i * units + o]
                        }
                    }
                }
            }
        }
        return Tensor(shape: [1, units], scalars: output)
    }
}
