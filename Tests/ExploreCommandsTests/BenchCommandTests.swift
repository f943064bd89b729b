import Foundation
import TestSupport
import Testing

/// `explore bench` as a user runs it: the JSON contract of docs/commands.md, the network's own
/// GEMM shapes, and bad counts refused. (Its figures are benchmarks: only checked to
/// be measured at all and consistent with each other, never timed against a bound.)
struct BenchCommandTests {
    @Test func quickJSONHasTheContractAndTheNetworksShapes() throws {
        let result = try ExploreBinary.run(["bench", "--json", "--quick", "--samples", "5"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])

        let protocol_ = try #require(object["protocol"] as? [String: Any])
        #expect(protocol_["samples"] as? Int == 5)
        #expect(protocol_["warm_up_calls"] as? Int == 1)

        let forward = try #require(object["forward"] as? [String: Any])
        let subjects = try #require(forward["subjects"] as? [[String: Any]])
        #expect(subjects.map { $0["name"] as? String } == ["fast"], "--quick skips the naive pass")
        try Self.checkSubjects(subjects, samples: 5)
        #expect((forward["ratios"] as? [Any])?.isEmpty == true)

        // One GEMM per stage and path, worked out by hand from the 160x160 network: the stem's
        // 79x79 map (3x3 stride 2 on RGB, in place), its 38x38 1x1 (64 -> 80), 17x17 (1x1 up
        // from 128 to 320), the 3x3 stride 2 of Mixed_6a (17x17x320 -> 8x8x384, in place),
        // 8x8 (1088 -> 192; the 7x1 on 160 channels; 384 -> 1088), 3x3 (2080 -> 192).
        let gemm = try #require(object["gemm"] as? [[String: Any]])
        let shapes = gemm.map { [$0["m"] as? Int, $0["n"] as? Int, $0["k"] as? Int] }
        #expect(
            shapes == [
                [79 * 79, 32, 3 * 3 * 3], [38 * 38, 80, 64], [17 * 17, 320, 128], [8 * 8, 384, 3 * 3 * 320],
                [8 * 8, 192, 1088], [8 * 8, 192, 7 * 160], [8 * 8, 1088, 384], [3 * 3, 192, 2080],
            ])
        #expect(
            gemm.map { $0["path"] as? String } == [
                "windows in place", "1x1 map in place", "1x1 map in place", "windows in place", "1x1 map in place", "windows in place",
                "1x1 map in place", "1x1 map in place",
            ])
        for entry in gemm {
            let subjects = try #require(entry["subjects"] as? [[String: Any]])
            #expect(subjects.map { $0["name"] as? String } == ["fast", "openblas"], "\(entry["layer"] ?? "")")
            try Self.checkSubjects(subjects, samples: 5)
            // The printed ratio is the medians' quotient (up to the last digit Foundation's
            // JSON parser may round differently).
            let ratios = try #require(entry["ratios"] as? [[String: Any]])
            let medians = subjects.compactMap { $0["median"] as? Double }
            let ratio = try #require(ratios.first?["value"] as? Double)
            #expect(ratios.count == 1 && abs(ratio - medians[1] / medians[0]) <= 1e-12 * ratio, "\(ratio) vs \(medians)")
        }
        #expect((object["winograd_layers"] as? [String])?.contains("Conv2d_4a_3x3") == true)

        // Stages in network order; their multiply-adds add up to the network's.
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(
            stages.map { $0["name"] as? String } == [
                "stem", "Mixed_5b", "Block35 x10", "Mixed_6a", "Block17 x20",
                "Mixed_7a", "Block8 x9", "Block8_10", "head",
            ])
        let macs = stages.compactMap { $0["macs"] as? Int }.reduce(0, +)
        #expect(macs == forward["network_macs"] as? Int)
        #expect(macs == 2_877_975_392)

        let peakRSS = try #require(object["peak_rss_mb"] as? Double)
        #expect(peakRSS > 100 && peakRSS < 2_000, "\(peakRSS) MB")
        let machine = try #require(object["machine"] as? [String: Any])
        #expect((machine["peak_gflops"] as? Double ?? 0) > 0)
    }

    /// Each subject has `samples` positive samples, a thread count, and a median inside min..max.
    static func checkSubjects(_ subjects: [[String: Any]], samples: Int) throws {
        for subject in subjects {
            let values = try #require(subject["samples"] as? [Double])
            let (median, low, high) = (subject["median"] as? Double ?? .nan, subject["min"] as? Double ?? .nan, subject["max"] as? Double ?? .nan)
            #expect(values.count == samples && values.allSatisfy { $0 > 0 }, "\(subject)")
            #expect(low == values.min() && high == values.max() && low <= median && median <= high, "\(subject)")
            #expect((subject["threads"] as? Int ?? 0) >= 1)
        }
    }

    @Test func fewerThanFiveSamplesIsOneLine() throws {
        let result = try ExploreBinary.run(["bench", "--samples", "4"])
        #expect(result.status != 0)
        #expect(result.standardError == "explore: --samples must be 5 to 1000, got 4: try --samples 7 (see 'explore bench --help')\n")
        #expect(result.standardOutput.isEmpty)
    }
}
