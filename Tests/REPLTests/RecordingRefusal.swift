/// Why a transcript must not be recorded: output that shows a failure nobody asked for.
/// A transcript may expect errors (it tests them), so a failure line is refused only when
/// the transcript's current expected output does not already hold it, word for word.
enum RecordingRefusal {
    /// Lines that tell of a failure: a golden check that failed, an error, a crash.
    static func isFailure(_ line: Substring) -> Bool {
        line.contains("FAIL") || line.hasPrefix("error:") || line.hasPrefix("explore:")
            || line.contains("Fatal error") || line.contains("Illegal instruction") || line.contains("Segmentation fault")
    }

    /// nil when `actual` may be recorded over `expected`; otherwise the first reason not to.
    /// `status` is a process's exit status: above 128 it died of a signal.
    static func reason(actual: String, expected: String?, status: Int32?) -> String? {
        if let status, status > 128 {
            return "the process died of signal \(status - 128)"
        }
        let known = Set((expected ?? "").split(separator: "\n", omittingEmptySubsequences: false))
        if let line = actual.split(separator: "\n").first(where: { isFailure($0) && !known.contains($0) }) {
            return "it shows a failure the transcript does not expect: \(line)"
        }
        return nil
    }
}
