import ArgumentParser
import Exploration
import Verification

/// `explore verify`: every layer against the golden tensors TensorFlow/Keras computed.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every layer against golden tensors computed by TensorFlow/Keras.",
        discussion: """
            The golden file (Tests/Golden/, written by scripts/golden/make_golden.py) holds what \
            Keras's own InceptionResNetV2 plus FaceNet's head computed with the seeded random weights \
            (seed 2018, untrained) for two images: the built-in synthetic image and an asymmetric one. \
            verify first checks that the generated weights match the reference's checksums, \
            then runs the network on each recorded image and compares every named layer: \
            max absolute and relative error, the worst position (border or inside), the first \
            layer that diverges and a hint about the convention that differs. \
            Exit status 1 when anything disagrees.
            """
    )

    /// Failing layers `--quiet` lists per input before it only counts the rest.
    static let quietFailureRows = 5

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Which kernels compute (default: as for every command that computes).", valueName: Kernels.allCases.map(\.rawValue).joined(separator: "|")))
    var gemm: Kernels?

    @Option(help: ArgumentHelp("The golden file (default: Tests/Golden/\(GoldenFile.fileName), or $\(GoldenLocation.environmentVariable)).", valueName: "FILE"))
    var golden: String?

    @Option(name: .customLong("only"), help: ArgumentHelp("Check only this recorded input (builtin, asymmetric).", valueName: "INPUT"))
    var only: String?

    @Flag(help: "Print only the summary of each input, not one line per layer.")
    var quiet = false

    @Flag(help: "Stop an input at its first failing layer.")
    var stopAtFirstFailure = false

    @Option(
        name: .customLong("break"),
        help: ArgumentHelp(
            "Compute with a deliberately wrong convention, to see verify catch it: \(ConventionBreak.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "CONVENTION"))
    var broken: ConventionBreak?

    func run() throws {
        var verification = GoldenVerification(onlyInput: only, quiet: quiet, stopAtFirstFailure: stopAtFirstFailure, broken: broken)
        if let golden { verification.goldenPath = golden }
        if let gemm { verification.kernels = gemm }
        let out = StandardStreams()
        let report = try verification.run(printing: json ? nil : out)
        out.line(json ? try report.jsonText() : ReportText.closing(report))
        if !report.passed { throw VerificationFailed(report) }
    }
}

extension ConventionBreak: ExpressibleByArgument {}
