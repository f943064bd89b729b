import GEMM
import Tensors

extension FastOps {
    /// `shortcut + scale * (input W + bias)`, then ReLU when asked: a residual block's
    /// 1x1 up projection and its add as one GEMM over the NHWC map, the add done as each
    /// tile of the product is written (`ResidualAdd`).
    ///
    /// - Parameters:
    ///   - input: `[1, h, w, cin]`
    ///   - layer: weights `(cin, cout)` packed, bias `[cout]`, no ReLU of its own
    ///   - shortcut: `[1, h, w, cout]`, the block's input
    /// - Returns: `[1, h, w, cout]`, and whether every value of it is finite
    static func residualBlock(
        _ input: Tensor, upProjection layer: FoldedLinear, shortcut: Tensor, scale: Float, relu: Bool, gemm: FastGEMM
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
        _ input: Tensor, upProjection layer: FoldedLinear, overwriting shortcut: inout Tensor, scale: Float, relu: Bool,
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
        _ input: Tensor, upProjection layer: FoldedLinear, shortcut: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        count: Int, scale: Float, relu: Bool, gemm: FastGEMM
    ) -> Bool {
        let cin = input.shape[3]
        let m = input.count / cin
        let n = layer.weights.n
        precondition(layer.weights.k == cin && !layer.relu, "up projection weights (\(layer.weights.k), \(n)) on \(cin) channels")
        precondition(count == m * n, "shortcut of \(count) values does not fit (\(m), \(n))")
        return input.scalars.withUnsafeBufferPointer { x in
            layer.bias.withUnsafeBufferPointer { bias in
                gemm.multiply(
                    m: m, a: x.baseAddress!, lda: cin, b: layer.weights, c: output, ldc: n, bias: bias.baseAddress,
                    residual: ResidualAdd(shortcut: shortcut, ld: n, scale: scale, relu: relu))
            }
        }
    }
}
