import Foundation
import NetworkModel
import Tensors

/// Turns the pattern of a failing layer's errors into a hint about the convention
/// that differs. Heuristics, in order: non-finite values; a residual whose reference
/// fits another scale or has no ReLU; errors only on the border (padding, or an
/// average pool's divisor); a per-channel constant offset or scale (batch norm);
/// errors only in the whole-tensor summaries.
enum Diagnosis {
    static func hint(
        entry: LedgerEntry, samples: LayerSamples, failing: [Bool], inputs: [Tensor], golden: GoldenLayer, statisticFailures: [String], nonFinite: Int
    ) -> String {
        if nonFinite > 0 {
            return "\(nonFinite) values are NaN or infinite: look for a division by zero or an overflow in this layer"
        }
        let op = entry.layer.op
        if case .residual(let scale, let activation) = op,
            let residual = residualHint(samples: samples, inputs: inputs, golden: golden, scale: scale, activation: activation)
        {
            return residual
        }
        let failures = failing.filter { $0 }.count
        let borderFailures = zip(failing, samples.positions).filter { $0.0 && $0.1.isBorder }.count
        let hasInterior = samples.positions.contains { !$0.isBorder && $0.row != nil }
        if failures > 0, borderFailures == failures, hasInterior {
            switch op {
            case .averagePool:
                return
                    "errors only on the border of an average pool: the divisor convention. TensorFlow's SAME average pool leaves padded cells out of the divisor (a 3x3 window divides corners by 4, edges by 6, the interior by 9); counting the padding (PyTorch's count_include_pad) divides by 9 everywhere"
            case .convolution, .maxPool:
                if entry.pad.top + entry.pad.bottom + entry.pad.left + entry.pad.right > 0 {
                    return
                        "errors only on the border: the padding. TensorFlow's SAME pads floor(total/2) at the top/left and the rest at the bottom/right, with zeros (max pooling ignores padded cells)"
                }
                return
                    "errors only on the border of a layer without padding: check the window arithmetic at the edges (VALID drops the rows/columns no window reaches, at the bottom/right)"
            default:
                return "errors only on the border: check how this layer treats the edges of its input"
            }
        }
        if let channel = perChannelHint(entry: entry, samples: samples, failing: failing) {
            return channel
        }
        if failures == 0, !statisticFailures.isEmpty {
            return
                "the sampled values agree but the whole-tensor summaries do not (\(statisticFailures.joined(separator: "; "))): the error lies between the sampled positions"
        }
        return "the first layer that diverges: its inputs passed, so the difference is in this \(op.kind) itself"
    }

    // MARK: - Residual

    /// Fits the reference as `x + s * up` (where the reference is positive if a ReLU may
    /// have clipped it) and reports a scale or activation that disagrees with ours.
    static func residualHint(samples: LayerSamples, inputs: [Tensor], golden: GoldenLayer, scale: Float, activation: Activation) -> String? {
        guard inputs.count == 2 else { return nil }
        let x = inputs[0].scalars
        let up = inputs[1].scalars
        var numerator = 0.0
        var denominator = 0.0
        for (i, index) in samples.flatIndices.enumerated() {
            let reference = Double(samples.reference[i])
            if reference <= 0 { continue }  // possibly clipped by a ReLU
            let u = Double(up[index])
            numerator += (reference - Double(x[index])) * u
            denominator += u * u
        }
        guard denominator > 0 else { return nil }
        let fitted = numerator / denominator
        let referenceHasNegatives = golden.min < 0
        let ours = "this layer computes \(activation == .relu ? "relu(" : "")x + \(String(format: "%.2f", Double(scale))) * up\(activation == .relu ? ")" : "")"
        var parts: [String] = []
        if abs(fitted - Double(scale)) > 0.01 * max(abs(fitted), 0.01) {
            parts.append("the reference fits x + \(String(format: "%.2f", fitted)) * up: the residual scale differs")
        }
        if referenceHasNegatives && activation == .relu {
            parts.append("the reference has negative values (min \(String(format: "%.3g", golden.min))), so no ReLU follows its sum")
        } else if !referenceHasNegatives && activation == .none {
            parts.append("the reference has no negative values: a ReLU may follow its sum")
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: "; ") + "; \(ours) (the final Block8 has scale 1.0 and no ReLU, Block8_1..9 0.20, Block17 0.10, Block35 0.17)"
    }

    // MARK: - Per channel

    /// Least-squares fit `ours - ref = offset + k * ref` in every failing channel, over the
    /// positions where both are positive (ReLU zeros carry no information).
    static func perChannelHint(entry: LedgerEntry, samples: LayerSamples, failing: [Bool]) -> String? {
        var byChannel: [Int: [(reference: Double, difference: Double)]] = [:]
        var failingChannels = Set<Int>()
        for i in 0..<samples.count {
            let channel = samples.positions[i].channel
            if failing[i] { failingChannels.insert(channel) }
            let reference = Double(samples.reference[i])
            let ours = Double(samples.ours[i])
            if reference > 0 && ours > 0 || !entry.hasReLU {
                byChannel[channel, default: []].append((reference, ours - reference))
            }
        }
        var offsets = 0
        var scales = 0
        var fitted = 0
        var informative = 0
        var relativeScales: [Double] = []
        for channel in failingChannels {
            // A channel whose sampled values barely vary (a flat image region) cannot tell
            // an offset from a scale: it does not count either way.
            guard let points = byChannel[channel], points.count >= 3 else { continue }
            let n = Double(points.count)
            let meanR = points.map(\.reference).reduce(0, +) / n
            let meanD = points.map(\.difference).reduce(0, +) / n
            var srr = 0.0
            var srd = 0.0
            var sdd = 0.0
            for p in points {
                srr += (p.reference - meanR) * (p.reference - meanR)
                srd += (p.reference - meanR) * (p.difference - meanD)
                sdd += (p.difference - meanD) * (p.difference - meanD)
            }
            let spread = (srr / n).squareRoot()
            guard spread > 1e-3 * max(abs(meanR), 1e-30) else { continue }
            informative += 1
            let k = srd / srr
            let offset = meanD - k * meanR
            let residual = max(sdd - k * srd, 0)
            let total = points.map { $0.difference * $0.difference }.reduce(0, +)
            guard total > 0, residual <= 0.05 * total else { continue }  // the affine model explains >= 95%
            fitted += 1
            // Which part carries the error at the channel's typical values: k * ref or the offset?
            let typical = (points.map { $0.reference * $0.reference }.reduce(0, +) / n).squareRoot()
            if abs(k) * typical > 3 * abs(offset) {
                scales += 1
                relativeScales.append(abs(k))
            } else if abs(offset) > 3 * abs(k) * typical {
                offsets += 1
            }
        }
        guard informative > 0, fitted * 10 >= informative * 8 else { return nil }
        let batchNorm = entry.hasBatchNorm
        if scales * 10 >= fitted * 8 {
            let sorted = relativeScales.sorted()
            let range = "\(percent(sorted.first ?? 0))..\(percent(sorted.last ?? 0))"
            if batchNorm {
                let small = (sorted.last ?? 1) < 0.01 ? " A small one like this is typically the epsilon: inv = 1/sqrt(variance + 0.001)." : ""
                return "a per-channel scale error (\(range)) in a layer with batch norm: check 1/sqrt(moving_variance + epsilon).\(small)"
            }
            return "a per-channel scale error (\(range)): check the weights' scaling or layout"
        }
        if offsets * 10 >= fitted * 8 {
            return batchNorm
                ? "a per-channel constant offset in a layer with batch norm: check beta - moving_mean * inv (the shift), or a bias added twice or not at all"
                : "a per-channel constant offset: check the bias"
        }
        return batchNorm ? "a per-channel affine error in a layer with batch norm: check beta, moving_mean, moving_variance and epsilon 0.001" : nil
    }

    static func percent(_ value: Double) -> String {
        String(format: value < 0.01 ? "%.2f%%" : "%.1f%%", value * 100)
    }
}

extension LedgerEntry {
    var hasBatchNorm: Bool {
        switch layer.op {
        case .convolution(let conv): conv.batchNorm
        case .fullyConnected(let fc): fc.batchNorm
        default: false
        }
    }

    var hasReLU: Bool {
        switch layer.op {
        case .convolution(let conv): conv.activation == .relu
        case .fullyConnected(let fc): fc.activation == .relu
        case .residual(_, let activation): activation == .relu
        default: false
        }
    }
}
