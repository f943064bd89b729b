import ModelData
import NetworkModel
import Tensors
import Testing

@testable import Verification

/// The checksum agrees with scripts/golden's numpy one, and the Swift generator with the numpy twin.
@Suite struct WeightChecksumTests {
    /// Value from a plain-Python computation (struct.pack for the float bits, integers
    /// masked to 64 bits) of the rule in WeightChecksum's documentation.
    @Test func matchesThePythonRule() {
        #expect(WeightChecksum.of([0.0, 1.0, -2.5, 3.1415927] as [Float]) == 0xa252_6007_953e_71df)
        #expect(WeightChecksum.of([] as [Float]) == 0)
        #expect(WeightChecksum.hex(0xa252_6007_953e_71df) == "0xa2526007953e71df")
        #expect(WeightChecksum.hex(0x1f) == "0x000000000000001f")
    }

    @Test func dependsOnOrder() {
        #expect(WeightChecksum.of([1, 2] as [Float]) != WeightChecksum.of([2, 1] as [Float]))
    }

    /// Every tensor the Swift `GeneratedWeights` makes has the checksum of the tensor the
    /// numpy twin loaded into Keras: two implementations of docs/generated-weights.md agree bit for bit.
    @Test func swiftGeneratorMatchesTheNumpyTwin() throws {
        let verifier = try Verifier(golden: GoldenFixture.file, ledger: GoldenFixture.ledger)
        let report = verifier.checkWeights(GeneratedWeights(seed: 2018, ledger: GoldenFixture.ledger))
        #expect(report.checked == 900)
        #expect(report.passed, "\(report.summary)")
    }

    /// Another seed is reported as "weights differ", naming a tensor.
    @Test func otherSeedIsReportedAsWeightsDiffer() throws {
        let verifier = try Verifier(golden: GoldenFixture.file, ledger: GoldenFixture.ledger)
        let report = verifier.checkWeights(GeneratedWeights(seed: 7, ledger: GoldenFixture.ledger))
        #expect(!report.passed)
        #expect(report.differences.count == 900)
        #expect(report.summary.hasPrefix("weights differ: 900 of 900 tensors"))
        #expect(report.summary.contains("InceptionResnetV2/Conv2d_1a_3x3/weights"))
    }
}

/// The numpy twin of `SyntheticImage` in make_golden.py recorded exactly the explorer's built-in image.
@Suite struct BuiltinImageTests {
    @Test func recordedBuiltinImageIsSyntheticImage() throws {
        let verifier = try Verifier(golden: GoldenFixture.file, ledger: GoldenFixture.ledger)
        let builtin = try #require(GoldenFixture.file.input(named: "builtin"))
        #expect(verifier.compareImage(SyntheticImage.make(size: 160), with: builtin, what: "SyntheticImage") == nil)
        // And the comparison can fail: one flipped pixel is reported.
        var changed = SyntheticImage.make(size: 160)
        changed.scalars[12_345] += 1
        let note = try #require(verifier.compareImage(changed, with: builtin, what: "SyntheticImage"))
        #expect(note.contains("in 1 values") && note.contains("make_golden.py"))
    }
}
