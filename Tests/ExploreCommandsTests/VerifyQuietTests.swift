import TestSupport
import Testing

/// `verify --quiet` when every layer fails: a few failing rows and a count, not 338 lines (issue 19).
struct VerifyQuietTests {
    @Test func quietListsFiveFailuresThenCounts() throws {
        let result = try ExploreBinary.run(["verify", "--only", "builtin", "--quiet", "--break", "batchnorm-no-epsilon"])
        #expect(result.status != 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.filter { $0.hasSuffix("FAIL") }.count == 5)
        #expect(lines.contains { $0.hasPrefix("  ... and ") && $0.hasSuffix(" more failing layers (without --quiet every layer is listed)") })
        #expect(lines.count < 30, "\(lines.count) lines")
    }
}
