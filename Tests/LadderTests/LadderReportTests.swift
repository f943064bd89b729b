import FastComputation
import GEMM
import JSONText
import Testing

@testable import Benchmarks

/// The ladder report's arithmetic on made-up samples, against figures worked out by hand.
@Suite("Ladder report arithmetic")
struct LadderReportTests {
    /// Block17's 1x7: a GEMM of 64 x 160 x 896 = 9,175,040 multiply-adds.
    let geometry = ConvolutionGeometry(
        height: 8, width: 8, channels: 128, kernelHeight: 1, kernelWidth: 7, strideHeight: 1, strideWidth: 1,
        padTop: 0, padLeft: 3, outputHeight: 8, outputWidth: 8, filters: 160)

    func report() -> LadderReport {
        // Median 3 ms; slowest 5 ms, fastest 1 ms.
        let measurement = Measurement(name: "1", threads: 1, samples: [0.004, 0.002, 0.003, 0.005, 0.001])
        let layer = LadderLayerResult(
            name: "Block17_1/Branch_1/Conv2d_0b_1x7", geometry: geometry, padding: "SAME", networkUsesWinograd: false,
            steps: [
                LadderStepResult(step: .naiveLoops, measurement: measurement, maxDifference: 0, unavailable: nil),
                LadderStepResult(step: .winograd, measurement: nil, maxDifference: nil, unavailable: "not applicable: a 1x7 kernel (3x3 only)"),
            ])
        let machine = BenchMachine(cores: 2, gigahertz: 2.45, loadAverage: 1.5, peakGFLOPS: 100)
        return LadderReport(
            input: "160x160", macs: 1, machine: machine, corePeakGFLOPS: 50, protocol: .frozen, layers: [layer], forward: [])
    }

    @Test("GFLOPS from the median, the spread from the slowest and fastest sample, the fraction of one core's peak")
    func text() {
        #expect(geometry.macs == 9_175_040)
        let text = report().text
        // 18,350,080 flops / 3 ms = 6.117 GFLOPS; / 5 ms = 3.670; / 1 ms = 18.350; 6.117 / 50 = 12.2%.
        let row = text.split(separator: "\n").first { $0.hasPrefix("1 naive loops") }.map(String.init) ?? ""
        #expect(row.split(separator: " ", omittingEmptySubsequences: true).suffix(5) == ["6.1", "(3.7..18.4)", "12.2%", "1", "0"], "\(row)")
        let winograd = text.split(separator: "\n").first { $0.hasPrefix("7 Winograd") }.map(String.init) ?? ""
        #expect(winograd.hasSuffix("  not applicable: a 1x7 kernel (3x3 only)"), "\(winograd)")
        #expect(text.contains("GEMM 64x160x896 (9.2 M MACs)"))
    }

    @Test("JSON: each step's samples, its median GFLOPS and fraction of peak; a step that does not apply says why")
    func json() throws {
        guard case .object(let top) = report().json, case .array(let layers)? = top.first(where: { $0.0 == "layers" })?.1,
            case .object(let layer)? = layers.first, case .array(let steps)? = layer.first(where: { $0.0 == "steps" })?.1,
            case .object(let first)? = steps.first, case .object(let last)? = steps.last
        else {
            Issue.record("unexpected JSON shape")
            return
        }
        func number(_ key: String) -> Double? { if case .double(let value)? = first.first(where: { $0.0 == key })?.1 { value } else { nil } }
        #expect(abs((number("gflops_median") ?? 0) - 6.116_693_333) < 1e-6)
        #expect(abs((number("peak_fraction") ?? 0) - 0.122_333_866_7) < 1e-9)
        #expect(last.first(where: { $0.0 == "unavailable" })?.1 == .string("not applicable: a 1x7 kernel (3x3 only)"))
        guard case .object(let timing)? = first.first(where: { $0.0 == "timing" })?.1 else {
            Issue.record("no timing")
            return
        }
        #expect(timing.first(where: { $0.0 == "median" })?.1 == .double(0.003))
        #expect(timing.first(where: { $0.0 == "threads" })?.1 == .int(1))
    }
}
