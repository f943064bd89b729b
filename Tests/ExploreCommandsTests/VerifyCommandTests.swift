import Foundation
import TestSupport
import Testing

/// `explore verify` as a user runs it (naive kernels, one input each, release build).
struct VerifyCommandTests {
    @Test func passesOnTheBuiltinImage() throws {
        let result = try ExploreBinary.run(["verify", "--gemm", "naive", "--only", "builtin", "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("weights: 900 weight tensors match the reference's checksums (seeded random weights (seed 2018, untrained))"))
        #expect(lines.contains("image: the built-in image is bit for bit the one recorded for input 'builtin'"))
        #expect(lines.last == "PASS: 338 layer checks over 1 inputs agree with the reference (naive kernels)")
        #expect(lines.contains { $0.hasPrefix("worst relative error seen: ") && $0.contains("(input 'builtin') at (") })
        #expect(result.standardError.isEmpty)
    }

    @Test func aBrokenConventionFailsAtItsLayerWithAHint() throws {
        let result = try ExploreBinary.run([
            "verify", "--gemm", "naive", "--only", "asymmetric", "--quiet", "--stop-at-first-failure", "--break", "avgpool-counts-padding",
        ])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("  FIRST DIVERGENCE at Mixed_5b/Branch_3/AvgPool_0a_3x3 (avgpool): "))
        #expect(result.standardOutput.contains("all on the border"))
        #expect(result.standardOutput.contains("  hint: errors only on the border of an average pool: the divisor convention."))
        #expect(result.standardError == "explore: verify failed: input 'asymmetric' diverges at Mixed_5b/Branch_3/AvgPool_0a_3x3\n")
    }

    @Test func jsonReport() throws {
        let result = try ExploreBinary.run([
            "verify", "--gemm", "naive", "--only", "builtin", "--json", "--stop-at-first-failure", "--break", "batchnorm-no-epsilon",
        ])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["passed"] as? Bool == false)
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.first?["firstFailure"] as? String == "Conv2d_1a_3x3")
        let weights = try #require(object["weights"] as? [String: Any])
        #expect(weights["checked"] as? Int == 900)
        let layers = try #require(inputs.first?["layers"] as? [[String: Any]])
        #expect(layers.count == 2)  // inputs, then the first convolution fails
        #expect((layers.last?["hint"] as? String)?.contains("epsilon") == true)
    }

    @Test func missingGoldenFileIsOneLine() throws {
        let result = try ExploreBinary.run(["verify", "--golden", "/nonexistent/golden.golden"])
        #expect(result.status != 0)
        #expect(
            result.standardError
                == "explore: golden file /nonexistent/golden.golden does not exist (pass --golden FILE, or run from the repository root); re-run scripts/golden/make_golden.py (see scripts/golden/README.md)\n"
        )
        #expect(result.seconds < 5)
    }
}
