import Foundation
import TestSupport
import Testing

/// `explore bench --ladder` as a user runs it: the JSON of docs/commands.md on one small
/// layer, and bad options refused in one line. (Its figures are benchmarks: only checked
/// to be measured at all, never timed against a bound.)
struct LadderCommandTests {
    @Test func oneLayerJSONHasEveryStepAndItsAgreement() throws {
        let result = try ExploreBinary.run(["bench", "--ladder", "--layer", "Block17_1/Branch_1/Conv2d_0b_1x7", "--samples", "5", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["samples"] as? Int == 5)
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 1)
        let layer = try #require(layers.first)
        // Block17 at 160: an 8x8 map of 128 channels, 160 filters, a 1x7 window: 64 x 160 x (7 * 128).
        #expect([layer["m"] as? Int, layer["n"] as? Int, layer["k"] as? Int] == [64, 160, 896])
        let steps = try #require(layer["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? Int } == [1, 2, 3, 4, 5, 6, 7])
        for step in steps.prefix(6) {
            let timing = try #require(step["timing"] as? [String: Any], "\(step)")
            #expect((timing["samples"] as? [Double])?.count == 5)
            #expect((step["gflops_median"] as? Double ?? 0) > 0)
            // Every step computes the same sums as step 1, up to float32 rounding of sums of 896 products of values below 1.
            #expect((step["max_abs_difference"] as? Double ?? 1) < 1e-4, "\(step)")
        }
        #expect(steps[0]["max_abs_difference"] as? Double == 0)
        #expect(steps[6]["unavailable"] as? String == "not applicable: a 1x7 kernel (3x3 only)")
        #expect((object["forward"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [
        (["bench", "--ladder", "--layer", "Conv2d_4a_3x"], "explore: no convolution called 'Conv2d_4a_3x' in this network (did you mean Conv2d_4a_3x3?)\n"),
        (["bench", "--ladder", "--layer", "Block17_1/concat"], "explore: Block17_1/concat is not a convolution: the ladder computes convolutions only\n"),
        (["bench", "--ladder", "--samples", "4"], "explore: --samples must be 5 to 1000, got 4: try --samples 7 (see 'explore bench --help')\n"),
        (["bench", "--layer", "Conv2d_4a_3x3"], "explore: --layer and --ladder-forward go with --ladder (see 'explore bench --help')\n"),
    ])
    func badOptionsAreOneLine(arguments: [String], message: String) throws {
        let result = try ExploreBinary.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError == message)
        #expect(result.standardOutput.isEmpty)
    }
}
