import Foundation
import ModelData
import NetworkModel
import Verification

/// `explore verify`: the whole network computed on each image the golden file recorded,
/// every recorded layer compared with Keras's output; the weights' checksums and the
/// built-in image checked first.
public struct GoldenVerification {
    public var goldenPath: String
    public var kernels: Kernels
    /// Check only this recorded input (`builtin`, `asymmetric`).
    public var onlyInput: String?
    /// One line per input instead of one per layer (failing layers are still listed).
    public var quiet: Bool
    public var stopAtFirstFailure: Bool
    /// A deliberately wrong convention, to watch the check catch it.
    public var broken: ConventionBreak?

    /// Failing layers `--quiet` lists before it only counts the rest.
    public static let quietFailureRows = 5

    public init(
        goldenPath: String = GoldenLocation.defaultPath(), kernels: Kernels = SessionSettings().kernels, onlyInput: String? = nil,
        quiet: Bool = false, stopAtFirstFailure: Bool = false, broken: ConventionBreak? = nil
    ) {
        self.goldenPath = goldenPath
        self.kernels = kernels
        self.onlyInput = onlyInput
        self.quiet = quiet
        self.stopAtFirstFailure = stopAtFirstFailure
        self.broken = broken
    }

    /// Runs the check, printing the text report to `out` as it goes (nil: print nothing,
    /// for JSON). Throws for a golden file that cannot be read or an input it does not hold;
    /// a disagreement is not thrown but reported (`report.passed`).
    public func run(printing out: OutputSink?) throws -> VerificationReport {
        let file = try GoldenFile.load(path: goldenPath)
        let verifier = try Verifier(golden: file, ledger: try broken?.ledger() ?? Ledger.faceNet())
        var inputs = file.header.inputs
        if let onlyInput {
            inputs = inputs.filter { $0.name == onlyInput }
            guard !inputs.isEmpty else {
                throw CommandError("the golden file has no input '\(onlyInput)': it has \(file.header.inputs.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
        }
        let weights = GeneratedWeights(seed: file.header.weightsSeed, ledger: verifier.ledger)
        // The backend exactly as every computing command builds it.
        let settings = SessionSettings(kernels: kernels)
        let computing = try settings.makeBackend(ledger: verifier.ledger, weights: broken?.weights(weights) ?? weights)
        let backend = broken?.backend(computing) ?? computing
        out?.line(ReportText.preamble(golden: goldenPath, reference: verifier.referenceDescription, backend: backend.name, tolerance: verifier.tolerance))
        if let broken {
            out?.line("deliberately broken (--break \(broken.rawValue)): \(broken.explanation); the first failure should be \(broken.expectedFirstFailure)")
        }
        let weightReport = verifier.checkWeights(weights)
        out?.line(ReportText.weights(weightReport))
        var imageNotes: [String] = []
        if let builtin = file.input(named: "builtin") {
            let size = file.header.network.inputSize
            if let note = verifier.compareImage(SyntheticImage.make(size: size), with: builtin, what: "the built-in image SyntheticImage.make(size: \(size))") {
                imageNotes.append(note)
            } else {
                out?.line("image: the built-in image is bit for bit the one recorded for input 'builtin'")
            }
        }

        var reports: [InputReport] = []
        for input in inputs {
            out?.line(ReportText.inputHeader(name: input.name, description: input.description, columns: !quiet))
            // --quiet lists a few failing layers, not all 338 when everything fails.
            var failuresShown = 0
            let report = try verifier.verify(input, backend: backend, stopAtFirstFailure: stopAtFirstFailure) { check in
                guard !quiet || !check.passed else { return }
                if quiet { failuresShown += 1 }
                if !quiet || failuresShown <= Self.quietFailureRows { out?.line(ReportText.row(check)) }
            }
            if quiet && failuresShown > Self.quietFailureRows {
                out?.line("  ... and \(failuresShown - Self.quietFailureRows) more failing layers (without --quiet every layer is listed)")
            }
            out?.line(ReportText.inputSummary(report))
            reports.append(report)
        }
        return VerificationReport(
            golden: goldenPath, reference: verifier.referenceDescription, backend: backend.name, tolerance: verifier.tolerance,
            weights: weightReport, imageNotes: imageNotes, inputs: reports)
    }
}

/// A verification that disagreed somewhere: what differed, on one line.
public struct VerificationFailed: Error, CustomStringConvertible {
    public let report: VerificationReport

    public init(_ report: VerificationReport) { self.report = report }

    public var description: String {
        let reasons = report.inputs.compactMap { input in input.firstFailure.map { "input '\(input.input)' diverges at \($0.layer)" } }
        let problems = (report.weights?.passed ?? true ? [] : ["weights differ"]) + (report.imageNotes.isEmpty ? [] : ["the built-in image changed"]) + reasons
        return "verify failed: " + problems.joined(separator: "; ")
    }
}

extension VerificationReport {
    /// The report as pretty JSON with sorted keys (non-finite numbers as strings).
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
