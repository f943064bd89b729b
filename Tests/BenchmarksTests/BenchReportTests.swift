import FastComputation
import Foundation
import NetworkModel
import Testing

@testable import Benchmarks

/// Benchmarks' own, not Foundation's.
typealias Measurement = Benchmarks.Measurement

/// `BenchReport` from measurements made on a fake clock: every ratio it prints or writes
/// is one median over another, checked against medians worked out by hand.
@Suite struct BenchReportTests {
    final class FakeClock {
        var now = 0.0
        func read() -> Double { now }
    }

    /// Subjects whose calls take the scripted seconds (warm-up first), timed on `clock`.
    static func measure(_ scripts: [(name: String, threads: Int, seconds: [Double])], clock: FakeClock) throws -> [Measurement] {
        let protocol_ = try #require(BenchProtocol(warmUpCalls: 1, samples: 5))
        var remaining = scripts.map(\.seconds)
        let subjects = scripts.enumerated().map { index, script in
            BenchProtocol.Subject(name: script.name, threads: script.threads) { clock.now += remaining[index].removeFirst() }
        }
        return try protocol_.measure(subjects, clock: clock.read)
    }

    static func report() throws -> BenchReport {
        let clock = FakeClock()
        let ledger = try Ledger.faceNet()
        // Whole passes; every duration a binary fraction, so the clock's sums are exact.
        let forward = try measure(
            [
                ("fast", 2, [0.03125, 0.046875, 0.0390625, 0.0625, 0.03125, 0.04296875]),
                ("naive", 1, [4, 3, 2.5, 2.75, 3.25, 2.875]),
            ], clock: clock)
        let unit = 0x1p-14
        let gemm = try measure(
            [
                ("fast", 2, [9, 3, 4, 4, 5, 4].map { $0 * unit }),
                ("openblas", 2, [9, 5, 5, 6, 4, 7].map { $0 * unit }),
                ("naive", 1, [999, 300, 320, 310, 305, 330].map { $0 * unit }),
            ], clock: clock)
        let perLayer = { (m: Measurement) in [Double](repeating: m.median / Double(ledger.entries.count), count: ledger.entries.count) }
        return BenchReport(
            machine: BenchMachine(cores: 2, gigahertz: 2.45, loadAverage: 0.5, peakGFLOPS: 200),
            protocol: BenchProtocol(warmUpCalls: 1, samples: 5)!, ledger: ledger,
            forward: forward.map { NetworkBenchResult(measurement: $0, layerSeconds: perLayer($0)) },
            gemm: [
                GEMMBenchResult(
                    shape: GEMMBenchShape(label: "Block17_1/Branch_0/Conv2d_1x1", path: .direct, m: 64, n: 192, k: 1088),
                    callsPerSample: 1, measurements: gemm)
            ],
            winogradLayers: ["Conv2d_2b_3x3"], fastInitSeconds: 0.25, peakRSSMegabytes: 300)
    }

    /// The fast pass runs each residual block's concat, up projection and add as one
    /// step, timed on the add; the op-kind table must not put the up projections'
    /// multiply-adds under `conv 1x1` with no time (that row read 210 GFLOPS, over the
    /// machine's peak), nor the concats under `concat` with none.
    @Test func blockConcatsUpProjectionsAndAddsAreOneKind() throws {
        let ledger = try Ledger.faceNet()
        let kinds = NetworkBenchResult.opKindNames(ledger)
        let fused = ledger.entries.filter { kinds[$0.name] == "concat + up projection + add" }.map(\.name)
        let blocks = ledger.entries.filter { if case .residual = $0.layer.op { true } else { false } }.map(\.name)
        #expect(blocks.count == 40)
        #expect(Set(fused) == Set(blocks + blocks.map { $0 + "/Conv2d_1x1" } + blocks.map { $0 + "/concat" }))
        #expect(kinds["Block35_1/Branch_0/Conv2d_1x1"] == "conv 1x1")
        #expect(kinds["Conv2d_2b_3x3"] == "conv 3x3" && kinds["Mixed_5b"] == "concat")
    }

    @Test func jsonRatiosAreMediansOverMedians() throws {
        let text = try Self.report().json.serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        let forward = try #require(object["forward"] as? [String: Any])
        let subjects = try #require(forward["subjects"] as? [[String: Any]])
        #expect(subjects.map { $0["name"] as? String } == ["fast", "naive"])
        #expect(subjects.map { $0["threads"] as? Int } == [2, 1])
        // Medians by hand: fast's samples sorted 1/32, 5/128, 11/256, 3/64, 1/16; naive's 2.5 ... 3.25.
        #expect(subjects[0]["median"] as? Double == 11.0 / 256)
        #expect(subjects[0]["min"] as? Double == 1.0 / 32)
        #expect(subjects[0]["max"] as? Double == 1.0 / 16)
        #expect((subjects[0]["samples"] as? [Double])?.count == 5)
        #expect(subjects[1]["median"] as? Double == 2.875)
        let ratios = try #require(forward["ratios"] as? [[String: Any]])
        #expect(ratios.count == 1)
        #expect(ratios[0]["name"] as? String == "naive/fast")
        #expect(ratios[0]["value"] as? Double == 736.0 / 11)  // 2.875 / (11/256)
        let networkFlops: Double = 2 * 2_877_975_392
        #expect(close(forward["fast_gflops"] as? Double, networkFlops / (11.0 / 256) / 1e9))

        let gemm = try #require((object["gemm"] as? [[String: Any]])?.first)
        let gemmRatios = try #require(gemm["ratios"] as? [[String: Any]])
        #expect(gemmRatios.map { $0["name"] as? String } == ["openblas/fast", "naive/fast"])
        #expect(gemmRatios.map { $0["value"] as? Double } == [1.25, 77.5])  // 5/4 and 310/4 units
        let gflops = try #require(gemm["gflops"] as? [String: Double])
        let flops = 2.0 * 64 * 192 * 1088
        #expect(close(gflops["fast"], flops / (4 * 0x1p-14) / 1e9))
        #expect(close(gflops["openblas"], flops / (5 * 0x1p-14) / 1e9))
        #expect(close(gflops["naive"], flops / (310 * 0x1p-14) / 1e9))
    }

    @Test func printedRatiosAndSpreadsAreTheSameArithmetic() throws {
        let text = try Self.report().text
        // The forward table: median and min..max in ms, threads beside each.
        let lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.contains(["fast", "2", "43.0", "31.3..62.5"]), "\(text)")
        #expect(lines.contains(["naive", "1", "2875", "2500..3250"]), "\(text)")
        #expect(text.contains("naive/fast: 66.9x (1 thread vs 2, median over median)"))
        // The GEMM rows: GFLOPS from the median, the spread from the slowest and quickest.
        let fastGFLOPS = 2.0 * 64 * 192 * 1088 / (4 * 0x1p-14) / 1e9  // 109.5
        #expect(String(format: "%.1f", fastGFLOPS) == "109.5")
        let gemmTable = text.split(separator: "\n").drop { !$0.hasPrefix("layer / kernel") }.prefix { !$0.hasPrefix("Not in this table") }
        let rows = gemmTable.filter { $0.hasPrefix("    ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(
            rows == [["fast", "2", "109.5", "87.6..146.0"], ["openblas", "2", "87.6", "62.6..109.5", "1.25x"], ["naive", "1", "1.4", "1.3..1.5", "77.50x"]])
    }

    /// Equal up to the rounding of a different order of the same divisions.
    func close(_ found: Double?, _ expected: Double) -> Bool {
        guard let found else { return false }
        return abs(found - expected) <= 1e-12 * abs(expected)
    }
}
