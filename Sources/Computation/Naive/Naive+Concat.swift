import Tensors

extension Naive {
    /// Concatenation along channels, in the order given (Branch_0, Branch_1, ...).
    ///
    /// - Parameter inputs: `[1, h, w, c_i]` each, same `h` and `w`
    /// - Returns: `[1, h, w, sum of c_i]`
    public static func concat(_ inputs: [Tensor]) -> Tensor {
        precondition(!inputs.isEmpty, "concat needs at least one input")
        let (h, w, _) = mapDimensions(inputs[0], "concat input")
        let widths = inputs.map { tensor -> Int in
            let (th, tw, tc) = mapDimensions(tensor, "concat input")
            precondition(th == h && tw == w, "concat inputs disagree spatially: \(inputs.map(\.shape))")
            return tc
        }
        let total = widths.reduce(0, +)
        var output = [Float](repeating: 0, count: h * w * total)
        for pixel in 0..<(h * w) {
            var start = pixel * total
            for (tensor, width) in zip(inputs, widths) {
                for channel in 0..<width {
                    output[start + channel] = tensor.scalars[pixel * width + channel]
                }
                start += width
            }
        }
        return Tensor(shape: [1, h, w, total], scalars: output)
    }
}
