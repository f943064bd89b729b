import GEMM
import Tensors

extension FastOps {
    /// `shortcut + scale * (input W + bias)`, then ReLU when asked: a residual block's
    /// 1x1 up projection and its add as one GEMM over the NHWC map, the add done as each
    /// tile of the product is written (`ResidualAdd`).
    ///
    /// - Parameters:
    ///   - input: the up projection's input `[1, h, w, cin]`, whole (one tensor) or as the
    ///     maps `[1, h, w, c_i]` its concat would join (`ChannelPieces`: the concat is
    ///     then not made)
    ///   - layer: weights `(cin, cout)` packed, bias `[cout]`, no ReLU of its own
    ///   - shortcut: `[1, h, w, cout]`, the block's input
    /// - Returns: `[1, h, w, cout]`, and whether every value of it is finite
    static func residualBlock(
        _ input: [Tensor], upProjection layer: FoldedLinear, shortcut: Tensor, scale: Float, relu: Bool, gemm: FastGEMM
    ) -> (output: Tensor, allFinite: Bool) {
        var allFinite = true
        let scalars = [Float](unsafeUninitializedCapacity: shortcut.count) { out, count in
            shortcut.scalars.withUnsafeBufferPointer { shortcut in
                allFinite = residualBlock(
                    input, upProjection: layer, shortcut: shortcut.baseAddress!, output: out.baseAddress!, count: shortcut.count,
                    scale: scale, relu: relu, gemm: gemm)
            }
            count = shortcut.count
        }
        return (Tensor(shape: shortcut.shape, scalars: scalars), allFinite)
    }

    /// The same block with its output written over `shortcut`, in place (each value of
    /// the shortcut is read just before its sum is written there; `FastGEMM`). Returns
    /// whether every value of the output is finite.
    static func residualBlock(
        _ input: [Tensor], upProjection layer: FoldedLinear, overwriting shortcut: inout Tensor, scale: Float, relu: Bool,
        gemm: FastGEMM
    ) -> Bool {
        let count = shortcut.count
        return shortcut.scalars.withUnsafeMutableBufferPointer { map in
            residualBlock(
                input, upProjection: layer, shortcut: map.baseAddress!, output: map.baseAddress!, count: count, scale: scale,
                relu: relu, gemm: gemm)
        }
    }

    /// The multiply of both: `count` values of the shortcut at `shortcut`, of the output
    /// at `output` (which may be `shortcut`).
    private static func residualBlock(
        _ input: [Tensor], upProjection layer: FoldedLinear, shortcut: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        count: Int, scale: Float, relu: Bool, gemm: FastGEMM
    ) -> Bool {
        let widths = input.map { $0.shape[3] }
        let cin = widths.reduce(0, +)
        let m = input[0].count / widths[0]
        let n = layer.weights.n
        precondition(layer.weights.k == cin && !layer.relu, "up projection weights (\(layer.weights.k), \(n)) on \(cin) channels")
        precondition(input.allSatisfy { $0.count / $0.shape[3] == m }, "channel pieces of different sizes")
        precondition(count == m * n, "shortcut of \(count) values does not fit (\(m), \(n))")
        let add = ResidualAdd(shortcut: shortcut, ld: n, scale: scale, relu: relu)
        return layer.bias.withUnsafeBufferPointer { bias in
            withStarts(of: input) { starts in
                guard starts.count > 1 else {
                    return gemm.multiply(
                        m: m, a: starts[0], lda: cin, b: layer.weights, c: output, ldc: n, bias: bias.baseAddress, residual: add)
                }
                return gemm.multiply(
                    m: m, pieces: ChannelPieces(Array(zip(starts, widths))), b: layer.weights, c: output, ldc: n,
                    bias: bias.baseAddress, residual: add)
            }
        }
    }
}
