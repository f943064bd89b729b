import NetworkModel
import Verification

/// Golden status of computed ops, and `verify`.
extension ExplorerSession {
    /// The verifier when the golden tensors apply to the settings in force.
    func goldenVerifier() -> (verifier: Verifier, input: GoldenInput)? {
        golden.applicable(
            settings: settings, ledger: ledger, failure: failure,
            image: {
                if let input = self.input { return input }
                self.input = try self.settings.makeInput()
                return self.input
            })
    }

    /// One op's golden status: `pass`, `FAIL: ...`, or why it is not compared.
    func goldenStatus(_ record: StepRecord, detailed: Bool = false) -> String {
        guard let (verifier, input) = goldenVerifier() else {
            if detailed { return golden.reason ?? "not compared" }
            return golden.reason?.hasPrefix("not comparable") == true
                ? "not comparable (a what-if changes the network: see 'where')"
                : "not compared (what-if or other weights/input: see 'verify')"
        }
        guard let check = GoldenReference.check(record.entry, output: record.output, verifier: verifier, input: input) else {
            return "not recorded in the golden file"
        }
        let text = GoldenReference.text(check, detailed: detailed)
        return check.passed ? style.green(text) : style.red(text)
    }

    /// `verify`: every op computed so far against the golden tensors.
    public func verify() throws {
        guard let (verifier, input) = goldenVerifier() else {
            throw CommandError("verify: \(golden.reason ?? "the golden tensors do not apply")")
        }
        guard !records.isEmpty else {
            throw CommandError("verify: nothing computed yet: 'continue' or 'run to LAYER' first, then 'verify' compares what ran")
        }
        let header = verifier.golden.header
        out.line(
            "verify: \(records.count) computed ops against Keras \(header.keras) on TensorFlow \(header.tensorflow) (\(verifier.golden.path.split(separator: "/").last ?? ""))"
        )
        out.line("  tolerance \(verifier.tolerance.description), gemm \(settings.kernels.rawValue)")
        var checks: [LayerCheck] = []
        for record in records {
            guard let check = GoldenReference.check(record.entry, output: record.output, verifier: verifier, input: input) else { continue }
            checks.append(check)
            if !check.passed { out.line("  " + style.red(record.entry.name) + ": " + GoldenReference.text(check, detailed: true)) }
        }
        let failed = checks.filter { !$0.passed }
        if let first = failed.first {
            out.line(style.red("\(failed.count) of \(checks.count) recorded layers FAIL") + "; the first divergence is \(first.layer)")
        } else if let worst = checks.max(by: { $0.maxRelativeError < $1.maxRelativeError }) {
            out.line(
                style.green("all \(checks.count) recorded layers pass")
                    + "; worst \(worst.layer): max rel error \(NumberFormat.scientific(worst.maxRelativeError))")
        } else {
            out.line("none of the computed ops is recorded in the golden file")
        }
    }
}
