import Computation
import GEMM
import NetworkModel
import Tensors

/// One layer made ready for one ladder step (weights packed or transformed once, as the
/// network does at load), then applied to any number of inputs.
public struct LadderConvolution: Sendable {
    public let step: LadderStep
    public let layer: LadderLayer
    private let compute: @Sendable (Tensor) -> Tensor

    /// `layer` prepared for `step`; nil where the step cannot compute it (`LadderStep.unavailable`).
    public init?(_ step: LadderStep, layer: LadderLayer) {
        guard step.unavailable(for: layer) == nil else { return nil }
        self.step = step
        self.layer = layer
        let folded = layer.folded
        switch step {
        case .naiveLoops:
            let g = layer.geometry
            let weights = Tensor(shape: [g.kernelHeight, g.kernelWidth, g.channels, g.filters], scalars: folded.weights)
            compute = { input in
                var y = Naive.conv2d(input, weights: weights, stride: layer.window.stride, padding: layer.window.padding)
                y.scalars.withUnsafeMutableBufferPointer { layer.addBiasAndActivation($0.baseAddress!) }
                return y
            }
        case .naiveGEMM, .loopOrder:
            let gemm: any GEMM = step == .naiveGEMM ? NaiveGEMM() : LoopOrderGEMM()
            compute = { input in
                Self.throughIm2col(input, layer: layer) { columns, y in
                    folded.weights.withUnsafeBufferPointer { b in
                        let g = layer.geometry
                        gemm.multiply(m: g.m, n: g.n, k: g.k, a: columns, lda: g.k, b: b.baseAddress!, ldb: g.n, c: y, ldc: g.n, accumulate: false)
                    }
                    layer.addBiasAndActivation(y)
                }
            }
        case .packing:
            let packed = PackedMatrix.packing(k: folded.k, n: folded.n, scalars: folded.weights)
            compute = { input in
                Self.throughIm2col(input, layer: layer) { columns, y in
                    PackedLoopsGEMM().multiply(m: layer.geometry.m, a: columns, lda: folded.k, b: packed, c: y, ldc: folded.n)
                    layer.addBiasAndActivation(y)
                }
            }
        case .microKernel:
            let packed = PackedMatrix.packing(k: folded.k, n: folded.n, scalars: folded.weights)
            compute = { input in
                Self.throughIm2col(input, layer: layer) { columns, y in
                    folded.bias.withUnsafeBufferPointer { bias -> Void in
                        FastGEMM(threads: 1).multiply(
                            m: layer.geometry.m, a: columns, lda: folded.k, b: packed, c: y, ldc: folded.n,
                            bias: bias.baseAddress, relu: folded.relu)
                    }
                }
            }
        case .threads:
            let linear = FoldedLinear(folded)
            let gemm = FastGEMM(threads: step.threads)
            compute = { input in
                FastOps.convolution(input, layer: linear, window: layer.window, pad: layer.pad, output: layer.output, gemm: gemm).output
            }
        case .winograd:
            let winograd = WinogradConvolution(folded, channels: layer.geometry.channels)
            compute = { input in winograd.apply(input, pad: layer.pad, output: layer.output).output }
        }
    }

    /// `[1, oh, ow, cout]` from `input` `[1, h, w, cin]`.
    public func apply(_ input: Tensor) -> Tensor {
        precondition(input.shape == layer.inputTensorShape, "\(layer.name) takes \(layer.inputTensorShape), given \(input.shape)")
        return compute(input)
    }

    /// im2col of `input` (the fast backend's, on one thread), then `multiply(columns, output)` writes the `(m, n)` output.
    private static func throughIm2col(
        _ input: Tensor, layer: LadderLayer, multiply: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) -> Tensor {
        let g = layer.geometry
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: max(1, g.m * g.k))
        defer { columns.deallocate() }
        input.scalars.withUnsafeBufferPointer {
            FastOps.im2col(
                $0.baseAddress!, height: g.height, width: g.width, channels: g.channels, kernel: Size2(g.kernelHeight, g.kernelWidth),
                stride: Size2(g.strideHeight, g.strideWidth), padTop: g.padTop, padLeft: g.padLeft, outputHeight: g.outputHeight,
                outputWidth: g.outputWidth, parallel: false, into: columns)
        }
        let scalars = [Float](unsafeUninitializedCapacity: g.m * g.n) { y, count in
            multiply(columns, y.baseAddress!)
            count = g.m * g.n
        }
        return Tensor(shape: [1, g.outputHeight, g.outputWidth, g.filters], scalars: scalars)
    }
}
