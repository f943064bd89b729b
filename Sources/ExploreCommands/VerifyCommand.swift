import ArgumentParser
import Computation
import Exploration
import Foundation
import ModelData
import NetworkModel
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

    @Option(help: ArgumentHelp("Which kernels compute (default: as for every command that computes).", valueName: Kernels.allCases.map(\.rawValue).joined(separator: "|")))
    var gemm: Kernels?

    @Option(help: ArgumentHelp("The golden file (default: Tests/Golden/\(GoldenFile.fileName), or $\(GoldenLocation.environmentVariable)).", valueName: "FILE"))
    var golden: String?

    @Option(name: .customLong("only"), help: ArgumentHelp("Check only this recorded input (builtin, asymmetric).", valueName: "INPUT"))
    var only: String?

    @Flag(help: "Print only the summary of each input, not one line per layer.")
    var quiet = false

    @Flag(help: "Stop an input at its first failing layer.")
    var stopAtFirstFailure = false

    @Option(name: .customLong("break"), help: ArgumentHelp(
        "Compute with a deliberately wrong convention, to see verify catch it: \(ConventionBreak.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "CONVENTION"))
    var broken: ConventionBreak?

    func run() throws {
        let path = golden ?? GoldenLocation.defaultPath()
        let file = try GoldenFile.load(path: path)
        let verifier = try Verifier(golden: file, ledger: try broken?.ledger() ?? Ledger.faceNet())
        var inputs = file.header.inputs
        if let only {
            inputs = inputs.filter { $0.name == only }
            guard !inputs.isEmpty else {
                throw ExploreError("the golden file has no input '\(only)': it has \(file.header.inputs.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
        }
        let weights = GeneratedWeights(seed: file.header.weightsSeed, ledger: verifier.ledger)
        // The backend exactly as every computing command builds it.
        var settings = SessionSettings()
        if let gemm { settings.kernels = gemm }
        let computing = try settings.makeBackend(ledger: verifier.ledger, weights: broken?.weights(weights) ?? weights)
        let backend = broken?.backend(computing) ?? computing
        let text = !json
        if text { print(ReportText.preamble(golden: path, reference: verifier.referenceDescription, backend: backend.name, tolerance: verifier.tolerance)) }
        if let broken, text {
            print("deliberately broken (--break \(broken.rawValue)): \(broken.explanation); the first failure should be \(broken.expectedFirstFailure)")
        }
        let weightReport = verifier.checkWeights(weights)
        if text { print(ReportText.weights(weightReport)) }
        var imageNotes: [String] = []
        if let builtin = file.input(named: "builtin") {
            let size = file.header.network.inputSize
            if let note = verifier.compareImage(SyntheticImage.make(size: size), with: builtin, what: "the built-in image SyntheticImage.make(size: \(size))") {
                imageNotes.append(note)
            } else if text {
                print("image: the built-in image is bit for bit the one recorded for input 'builtin'")
            }
        }

        var reports: [InputReport] = []
        for input in inputs {
            if text { print(ReportText.inputHeader(name: input.name, description: input.description, columns: !quiet)) }
            // --quiet lists a few failing layers, not all 338 when everything fails.
            var failuresShown = 0
            let report = try verifier.verify(input, backend: backend, stopAtFirstFailure: stopAtFirstFailure) { check in
                guard text && (!quiet || !check.passed) else { return }
                if quiet { failuresShown += 1 }
                if !quiet || failuresShown <= Self.quietFailureRows { print(ReportText.row(check)) }
            }
            if quiet && failuresShown > Self.quietFailureRows {
                print("  ... and \(failuresShown - Self.quietFailureRows) more failing layers (without --quiet every layer is listed)")
            }
            if text { print(ReportText.inputSummary(report)) }
            reports.append(report)
        }
        let report = VerificationReport(
            golden: path, reference: verifier.referenceDescription, backend: backend.name, tolerance: verifier.tolerance,
            weights: weightReport, imageNotes: imageNotes, inputs: reports)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(ReportText.closing(report))
        }
        if !report.passed {
            fflush(nil)   // every buffered line of the report before the one-line error on standard error
            let reasons = reports.compactMap { input in input.firstFailure.map { "input '\(input.input)' diverges at \($0.layer)" } }
            let problems = (weightReport.passed ? [] : ["weights differ"]) + (imageNotes.isEmpty ? [] : ["the built-in image changed"]) + reasons
            throw ExploreError("verify failed: " + problems.joined(separator: "; "))
        }
    }
}

extension ConventionBreak: ExpressibleByArgument {}
