import Foundation
import TestSupport
import Testing

/// `explore bench` as a user runs it: the JSON contract of docs/commands.md, the network's own
/// GEMM shapes, and bad counts refused. (Its figures are benchmarks: only checked to
/// be measured at all, never timed against a bound.)
struct BenchCommandTests {
    @Test func quickJSONHasTheContractAndTheNetworksShapes() throws {
        let result = try ExploreBinary.run(["bench", "--json", "--quick", "--rounds", "1", "--runs", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])

        let forward = try #require(object["forward_ms"] as? [String: Any])
        let fast = try #require(forward["fast"] as? Double)
        #expect(fast > 0 && fast.isFinite)
        #expect(forward["naive"] is NSNull, "--quick skips the naive pass")

        // 1024^3, then one shape per stage, worked out by hand from the 160x160 network:
        // the stem's 77x77 map (3x3 over 32 channels), its 36x36 map (3x3 over 80),
        // 17x17 (320 -> 1x1 up from 128), 8x8 (1088 -> 192, and 384 -> 1088), 3x3 (2080 -> 192).
        let gemm = try #require(object["gemm"] as? [[String: Any]])
        let shapes = gemm.map { [$0["m"] as? Int, $0["n"] as? Int, $0["k"] as? Int] }
        #expect(
            shapes == [
                [1024, 1024, 1024], [77 * 77, 64, 3 * 3 * 32], [36 * 36, 192, 3 * 3 * 80], [17 * 17, 320, 128],
                [8 * 8, 192, 1088], [8 * 8, 1088, 384], [3 * 3, 192, 2080],
            ])
        for entry in gemm {
            let gflops = try #require(entry["gflops"] as? [String: Any])
            #expect((gflops["fast"] as? Double ?? 0) > 0, "\(entry["label"] ?? "")")
            #expect((gflops["openblas"] as? Double ?? 0) > 0, "\(entry["label"] ?? "")")
        }

        // Stages in network order; their multiply-adds add up to the network's.
        let stages = try #require(object["stages"] as? [[String: Any]])
        #expect(
            stages.map { $0["name"] as? String } == [
                "stem", "Mixed_5b", "Block35 x10", "Mixed_6a", "Block17 x20",
                "Mixed_7a", "Block8 x9", "Block8_10", "head",
            ])
        let macs = stages.compactMap { $0["macs"] as? Int }.reduce(0, +)
        #expect(macs == object["network_macs"] as? Int)
        #expect(macs == 2_877_975_392)

        let peakRSS = try #require(object["peak_rss_mb"] as? Double)
        #expect(peakRSS > 100 && peakRSS < 2_000, "\(peakRSS) MB")
        let machine = try #require(object["machine"] as? [String: Any])
        #expect((machine["peak_gflops"] as? Double ?? 0) > 0)
    }

    @Test func zeroRoundsIsOneLine() throws {
        let result = try ExploreBinary.run(["bench", "--rounds", "0"])
        #expect(result.status != 0)
        #expect(result.standardError == "explore: --rounds must be at least 1, got 0: try --rounds 15 (see 'explore bench --help')\n")
        #expect(result.standardOutput.isEmpty)
    }
}
