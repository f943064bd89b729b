import Computation
import GEMM
import NetworkModel
import Tensors

/// A convolution or fully connected layer made ready for the fast kernel, once, at load:
/// batch norm folded into the weights and a bias, the weights packed for the micro-kernel.
///
/// With `inv = 1 / sqrt(variance + 0.001)` per output channel `j`:
/// `bn(conv(x, W) + b) = conv(x, W * inv) + (b * inv + beta - mean * inv)`,
/// exact up to float32 rounding (one extra rounding per weight).
struct FoldedLinear: Sendable {
    /// `(kh * kw * cin, cout)` (HWIO seen as a matrix), or `(in, out)`, packed.
    let weights: PackedMatrix
    /// `[cout]`: the conv bias and the batch norm shift, folded.
    let bias: [Float]
    let relu: Bool

    init(_ folded: Folded) {
        weights = PackedMatrix.packing(k: folded.k, n: folded.n, scalars: folded.weights)
        bias = folded.bias
        relu = folded.relu
    }

    /// The folded weights, `(k, n)` row-major, before packing.
    struct Folded {
        let k: Int
        let n: Int
        let weights: [Float]
        let bias: [Float]
        let relu: Bool

        init(k: Int, n: Int, weights: [Float], bias: [Float], relu: Bool) {
            precondition(weights.count == k * n && bias.count == n)
            self.k = k
            self.n = n
            self.weights = weights
            self.bias = bias
            self.relu = relu
        }

        init(entry: LedgerEntry, parameters: LayerParameters, batchNorm: Bool, hasBias: Bool, activation: Activation) throws {
            let raw = try parameters.require(\.weights, "weights", of: entry)
            let n = raw.shape.last ?? 0
            let k = n == 0 ? 0 : raw.count / n
            var scalars = raw.scalars
            var bias = hasBias ? try parameters.require(\.biases, "biases", of: entry).scalars : [Float](repeating: 0, count: n)
            if batchNorm {
                let beta = try parameters.require(\.beta, "BatchNorm/beta", of: entry).scalars
                let mean = try parameters.require(\.movingMean, "BatchNorm/moving_mean", of: entry).scalars
                let variance = try parameters.require(\.movingVariance, "BatchNorm/moving_variance", of: entry).scalars
                var inv = [Float](repeating: 0, count: n)
                for j in 0..<n {
                    inv[j] = 1 / (variance[j] + Naive.batchNormEpsilon).squareRoot()
                    let shift = beta[j] - mean[j] * inv[j]
                    bias[j] = hasBias ? bias[j] * inv[j] + shift : shift
                }
                scalars.withUnsafeMutableBufferPointer { w in
                    for p in 0..<k {
                        for j in 0..<n { w[p * n + j] *= inv[j] }
                    }
                }
            }
            self.k = k
            self.n = n
            weights = scalars
            self.bias = bias
            relu = activation == .relu
        }
    }
}
