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
        let cin = input.shape[3]
        let m = input.count / cin
        let n = layer.weights.n
        precondition(layer.weights.k == cin && !layer.relu, "up projection weights (\(layer.weights.k), \(n)) on \(cin) channels")
        precondition(shortcut.count == m * n, "shortcut \(shortcut.shape) does not fit (\(m), \(n))")
        var allFinite = true
        let scalars = [Float](unsafeUninitializedCapacity: m * n) { out, count in
            input.scalars.withUnsafeBufferPointer { x in
                shortcut.scalars.withUnsafeBufferPointer { shortcut in
                    layer.bias.withUnsafeBufferPointer { bias in
                        allFinite = gemm.multiply(
                            m: m, a: x.baseAddress!, lda: cin, b: layer.weights, c: out.baseAddress!, ldc: n, bias: bias.baseAddress,
                            residual: ResidualAdd(shortcut: shortcut.baseAddress!, ld: n, scale: scale, relu: relu))
                    }
                }
            }
            count = m * n
        }
        return (Tensor(shape: shortcut.shape, scalars: scalars), allFinite)
    }
}
