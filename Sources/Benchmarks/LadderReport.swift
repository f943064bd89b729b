import Exploration
import FastComputation
import Foundation
import GEMM
import JSONText

/// One step on one layer: its timing and its agreement with step 1, or why it does not apply.
public struct LadderStepResult: Sendable {
    public let step: LadderStep
    public let measurement: Measurement?
    /// Max |this step's output - step 1's| over the layer's output.
    public let maxDifference: Float?
    public let unavailable: String?
}

/// Every step on one layer.
public struct LadderLayerResult: Sendable {
    public let name: String
    public let geometry: ConvolutionGeometry
    /// `SAME` or `VALID`.
    public let padding: String
    public let networkUsesWinograd: Bool
    public let steps: [LadderStepResult]

    /// Floating-point operations of one call: 2 per multiply-add of the direct convolution
    /// (padding taps included, as every GEMM step computes them; Winograd's figure is the
    /// same work divided by its time, an effective rate).
    public var flops: Double { 2 * Double(geometry.macs) }
}

/// A whole forward pass with one step's convolutions, and its output's agreement with step 1's.
public struct LadderForwardResult: Sendable {
    public let measurement: Measurement
    public let maxDifference: Float
}

/// What `explore bench --ladder` prints: per layer a table of steps, then the forward passes.
public struct LadderReport: Sendable {
    let input: String
    let macs: Int
    let machine: BenchMachine
    /// `FMAPeak.measure(threads: 1)`: one core's peak, what a one-thread step is a fraction of.
    let corePeakGFLOPS: Double
    let `protocol`: BenchProtocol
    public let layers: [LadderLayerResult]
    public let forward: [LadderForwardResult]

    public var text: String {
        var lines = [
            "Optimisation ladder, input \(input): each convolution computed by every step, timed in this one run",
            TileCode.selected.description,
            "Machine: \(machine.cores) cores, FMA peak measured \(fixed(corePeakGFLOPS, 1)) GFLOPS on 1 core, \(fixed(machine.peakGFLOPS, 1)) on \(machine.cores); load average \(machine.loadAverage.map { fixed($0, 2) } ?? "-") at start",
            "Timing: \(`protocol`.warmUpCalls) warm-up and \(`protocol`.samples) timed calls per step, steps rotated; GFLOPS median (min..max)",
            "of peak: the median as a fraction of the measured peak of as many cores as the step's threads",
            "max |diff|: the largest difference from step 1's output, on one seeded input in [-1, 1)",
        ]
        for layer in layers {
            let g = layer.geometry
            lines.append("")
            lines.append(
                "\(layer.name): \(g.height)x\(g.width)x\(g.channels) -> \(g.outputHeight)x\(g.outputWidth)x\(g.filters), \(g.kernelHeight)x\(g.kernelWidth) /\(g.strideHeight) \(layer.padding), GEMM \(g.m)x\(g.n)x\(g.k) (\(fixed(Double(g.macs) / 1e6, 1)) M MACs)"
            )
            var rows = [["step", "GFLOPS", "(min..max)", "of peak", "threads", "max |diff|", ""]]
            for result in layer.steps {
                let label = "\(result.step.rawValue) \(result.step.title)"
                guard let measurement = result.measurement, let difference = result.maxDifference else {
                    rows.append([label, result.unavailable ?? "-"])
                    continue
                }
                let rate = { (seconds: Double) in layer.flops / seconds / 1e9 }
                rows.append([
                    label, fixed(rate(measurement.median), 1), "(\(fixed(rate(measurement.max), 1))..\(fixed(rate(measurement.min), 1)))",
                    fixed(100 * rate(measurement.median) / peak(threads: measurement.threads), 1) + "%", "\(measurement.threads)",
                    difference == 0 ? "0" : NumberFormat.scientific(Double(difference)), "",
                ])
            }
            lines += aligned(rows)
            if layer.steps.contains(where: { $0.step == .winograd && $0.measurement != nil }) {
                lines.append(
                    layer.networkUsesWinograd
                        ? "The network computes this layer by step 7."
                        : "The network computes this layer by step 6: under 64 input channels, Winograd's transforms cost more than its multiplies save.")
            }
        }
        if overPeak {
            lines.append("")
            lines.append(
                "Note: a step other than Winograd beat the measured peak, so the cores were busier when the\npeak was measured than when it ran: read the fractions of peak as rough."
            )
        }
        if !forward.isEmpty {
            lines.append("")
            lines.append(
                "Whole forward pass (\(input), \(fixed(Double(macs) / 1e9, 2)) G MACs), convolutions on each step, the rest as the fast\nbackend computes it; max |diff|: the embedding's largest difference from step 1's"
            )
            var rows = [["step", "ms", "(min..max)", "GFLOPS", "threads", "max |diff|", ""]]
            for pass in forward {
                let m = pass.measurement
                rows.append([
                    m.name, fixed(m.median * 1000, 1), "(\(fixed(m.min * 1000, 1))..\(fixed(m.max * 1000, 1)))",
                    fixed(2 * Double(macs) / m.median / 1e9, 1), "\(m.threads)",
                    pass.maxDifference == 0 ? "0" : NumberFormat.scientific(Double(pass.maxDifference)), "",
                ])
            }
            lines += aligned(rows)
        }
        return lines.joined(separator: "\n")
    }

    /// Whether some step that does every multiply-add (not Winograd) beat the measured peak.
    var overPeak: Bool {
        layers.contains { layer in
            layer.steps.contains { result in
                guard result.step != .winograd, let measurement = result.measurement else { return false }
                return layer.flops / measurement.median / 1e9 > peak(threads: measurement.threads)
            }
        }
    }

    /// The measured FMA peak of `threads` cores: one core's, or all of them.
    func peak(threads: Int) -> Double { threads == 1 ? corePeakGFLOPS : machine.peakGFLOPS }

    /// Every figure, with each subject's samples (seconds per call).
    public var json: JSONValue {
        .object([
            ("input", .string(input)),
            ("tiles", .string(TileCode.selected.description)),
            ("cores", .int(machine.cores)),
            ("peak_gflops", .double(machine.peakGFLOPS)),
            ("core_peak_gflops", .double(corePeakGFLOPS)),
            ("load_average", machine.loadAverage.map(JSONValue.double) ?? .null),
            ("warm_up_calls", .int(`protocol`.warmUpCalls)),
            ("samples", .int(`protocol`.samples)),
            ("layers", .array(layers.map { $0.json(peak: peak(threads:)) })),
            (
                "forward",
                .array(
                    forward.map {
                        .object([
                            ("timing", $0.measurement.json), ("gflops_median", .double(2 * Double(macs) / $0.measurement.median / 1e9)),
                            ("max_abs_difference", .double(Double($0.maxDifference))),
                        ])
                    })
            ),
        ])
    }
}

extension LadderLayerResult {
    func json(peak: (Int) -> Double) -> JSONValue {
        let g = geometry
        return .object([
            ("name", .string(name)), ("padding", .string(padding)), ("m", .int(g.m)), ("n", .int(g.n)), ("k", .int(g.k)), ("macs", .int(g.macs)),
            ("network_uses_winograd", .bool(networkUsesWinograd)),
            (
                "steps",
                .array(
                    steps.map { result in
                        var members: [(String, JSONValue)] = [("step", .int(result.step.rawValue)), ("title", .string(result.step.title))]
                        if let measurement = result.measurement, let difference = result.maxDifference {
                            members += [
                                ("timing", measurement.json), ("gflops_median", .double(flops / measurement.median / 1e9)),
                                ("peak_fraction", .double(flops / measurement.median / 1e9 / peak(measurement.threads))),
                                ("max_abs_difference", .double(Double(difference))),
                            ]
                        } else {
                            members.append(("unavailable", .string(result.unavailable ?? "")))
                        }
                        return .object(members)
                    })
            ),
        ])
    }
}

/// The first column left-aligned, the last (a note) as it is, the others right-aligned;
/// a short row (a step that does not apply) keeps its second cell as it is.
private func aligned(_ rows: [[String]]) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in rows.filter { $0.count == columns }.map { $0[column].count }.max() ?? 0 }
    let lines = rows.map { row in
        row.enumerated().map { column, cell in
            if column == 0 { return cell.padding(toLength: widths[0], withPad: " ", startingAt: 0) }
            if row.count < columns || column == columns - 1 { return cell }
            return String(repeating: " ", count: widths[column] - cell.count) + cell
        }.joined(separator: "  ")
    }
    return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
}
