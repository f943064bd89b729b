import Foundation

/// The text `explore verify` prints.
public enum ReportText {
    /// The header lines, before any layer runs.
    public static func preamble(golden: String, reference: String, backend: String, tolerance: Tolerance) -> String {
        """
        verify: \(backend) kernels against \(reference)
        golden file: \(golden)
        tolerance: \(tolerance.description)
        """
    }

    public static func weights(_ report: WeightReport) -> String {
        "weights: " + report.summary
    }

    public static func inputHeader(_ input: InputReport) -> String {
        "\ninput '\(input.input)': \(input.description)\n" + columnTitles
    }

    public static func inputHeader(name: String, description: String, columns: Bool = true) -> String {
        "\ninput '\(name)': \(description)" + (columns ? "\n" + columnTitles : "")
    }

    static let columnTitles = pad("layer", 44) + pad("shape", 14) + padLeft("compared", 9) + padLeft("max abs", 11) + padLeft("max rel", 11) + "  worst at"

    /// One row per layer.
    public static func row(_ check: LayerCheck) -> String {
        let shape = check.shape.map(String.init).joined(separator: "x")
        let worst = check.worst.map(\.description) ?? "-"
        var line =
            pad(check.layer, 44) + pad(shape, 14) + padLeft(String(check.compared) + (check.whole ? "*" : ""), 9)
            + padLeft(scientific(check.maxAbsoluteError), 11) + padLeft(scientific(check.maxRelativeError), 11) + "  " + pad(worst, 24)
        line += check.passed ? " ok" : " FAIL"
        return line
    }

    /// The closing lines of one input: its worst layer, or its first divergence with the hint.
    public static func inputSummary(_ input: InputReport) -> String {
        var lines: [String] = []
        if let first = input.firstFailure {
            lines.append("  FIRST DIVERGENCE at \(first.layer) (\(first.op)): " + failureDetail(first))
            if let hint = first.hint { lines.append("  hint: \(hint)") }
            let more = input.failed.count - 1
            if more > 0 { lines.append("  \(more) later layers fail too (they inherit the difference)") }
            if input.stoppedEarly { lines.append("  stopped at the first failing layer") }
        } else if let worst = input.worst {
            lines.append(
                "  \(input.layers.count) layers agree; worst \(worst.layer): relative error \(scientific(worst.maxRelativeError)) at \(worst.worst?.description ?? "-")"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func failureDetail(_ check: LayerCheck) -> String {
        var parts: [String] = []
        if check.failures > 0 {
            let place =
                check.failuresInside == 0
                ? "all on the border" : check.failuresOnBorder == 0 ? "all inside" : "\(check.failuresOnBorder) on the border, \(check.failuresInside) inside"
            parts.append("\(check.failures) of \(check.compared) values outside the tolerance, \(place)")
        }
        if let worst = check.worst, let ours = check.worstOurs, let reference = check.worstReference {
            parts.append(
                "worst \(worst): ours \(String(format: "%.6g", ours)), reference \(String(format: "%.6g", reference)) (relative \(scientific(check.maxRelativeError)))"
            )
        }
        if !check.statisticFailures.isEmpty { parts.append("summaries differ: " + check.statisticFailures.joined(separator: ", ")) }
        if check.nonFinite > 0 { parts.append("\(check.nonFinite) non-finite values") }
        return parts.joined(separator: "; ")
    }

    /// The closing lines of the whole run.
    public static func closing(_ report: VerificationReport) -> String {
        var lines: [String] = [""]
        lines += report.imageNotes.map { "image: \($0)" }
        if let (input, check) = report.worst {
            let position = check.worst.map { " at \($0)" } ?? ""
            lines.append(
                "worst relative error seen: \(scientific(check.maxRelativeError)) in \(check.layer) (input '\(input)')\(position), absolute \(scientific(check.maxAbsoluteError))"
            )
        }
        let layers = report.inputs.reduce(0) { $0 + $1.layers.count }
        if report.passed {
            lines.append("PASS: \(layers) layer checks over \(report.inputs.count) inputs agree with the reference (\(report.backend) kernels)")
        } else {
            var reasons: [String] = []
            if let weights = report.weights, !weights.passed { reasons.append("weights differ") }
            if !report.imageNotes.isEmpty { reasons.append("the built-in image changed") }
            for input in report.inputs { if let first = input.firstFailure { reasons.append("input '\(input.input)' diverges at \(first.layer)") } }
            lines.append("FAIL: " + reasons.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Formatting

    static func scientific(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.2e", value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
