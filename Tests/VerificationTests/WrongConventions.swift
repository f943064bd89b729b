import Computation
import ModelData
import NetworkModel
import Tensors

/// Test-only ways to compute the network with a deliberately wrong convention, without
/// touching the production code paths: a backend wrapper, a weight-source wrapper and
/// a re-declared network. Each must make verification fail at the layer it affects.
enum WrongConventions {
    /// Average pooling that counts padded cells in the divisor (PyTorch's `count_include_pad=True`).
    struct PaddingCountingAveragePool: Backend {
        let base: any Backend
        var name: String { base.name + "+avgpool-counting-padding" }

        func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
            guard case .averagePool = entry.layer.op, let window = entry.window else { return try base.forward(entry, inputs: inputs) }
            let x = inputs[0]
            let (h, w, c) = (x.shape[1], x.shape[2], x.shape[3])
            let (oh, ow) = (entry.output.dims[0], entry.output.dims[1])
            let (kh, kw) = (window.kernel.height, window.kernel.width)
            let (sh, sw) = (window.stride.height, window.stride.width)
            var out = [Float](repeating: 0, count: oh * ow * c)
            for oy in 0..<oh {
                for ox in 0..<ow {
                    for k in 0..<c {
                        var sum: Float = 0
                        for dy in 0..<kh {
                            for dx in 0..<kw {
                                let y = oy * sh + dy - entry.pad.top, xx = ox * sw + dx - entry.pad.left
                                if y >= 0 && y < h && xx >= 0 && xx < w { sum += x.scalars[(y * w + xx) * c + k] }
                            }
                        }
                        out[(oy * ow + ox) * c + k] = sum / Float(kh * kw)   // padded cells counted
                    }
                }
            }
            return Tensor(shape: entry.outputTensorShape, scalars: out)
        }
    }

    /// Batch norm without its epsilon, emulated exactly through the weights: a backend
    /// computing `1/sqrt(v' + 0.001)` with `v' = v - 0.001` computes `1/sqrt(v)`.
    struct VarianceWithoutEpsilon: WeightSource {
        let base: any WeightSource
        var sourceDescription: String { base.sourceDescription + " (epsilon taken out of the variance)" }

        func tensor(named name: String, shape: [Int]) throws -> Tensor {
            var tensor = try base.tensor(named: name, shape: shape)
            if name.hasSuffix("BatchNorm/moving_variance") {
                tensor.scalars = tensor.scalars.map { $0 - 0.001 }
            }
            return tensor
        }
    }

    /// FaceNet's network with the final Block8's residual replaced.
    static func ledger(finalBlock8 scale: Float, activation: Activation) throws -> Ledger {
        let network = try Network.faceNet()
        let stages = network.stages.map { stage -> Stage in
            guard case .block(let block) = stage, block.name == "Block8_10" else { return stage }
            let layers = block.layers.map { layer -> Layer in
                guard layer.name == "Block8_10", case .residual = layer.op else { return layer }
                return Layer(name: layer.name, op: .residual(scale: scale, activation: activation), inputs: layer.inputs,
                             scope: layer.scope, block: layer.block, branch: layer.branch)
            }
            return .block(Block(name: block.name, kind: block.kind, layers: layers))
        }
        return try Ledger(network: Network(configuration: network.configuration, stages: stages))
    }
}
