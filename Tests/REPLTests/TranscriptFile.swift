import Foundation

/// A scripted session under `Transcripts/`: `NAME.in` holds the commands, `NAME.out` what
/// the explorer prints (the prompt and each command echoed, then its output).
///
/// Timings (`12.34 ms`) are replaced by `{ms}` before comparing; in `NAME.out` a `{*}` stands
/// for any text within one line. `RECORD_TRANSCRIPTS=1 swift test --filter REPLTests`
/// rewrites the `.out` files from what the explorer prints now (review the diff!). The
/// recorder refuses output that holds a failure the transcript did not already expect: a
/// golden FAIL, an error line, a crash (`RecordingRefusal`).
struct TranscriptFile {
    let name: String

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")
    static var recording: Bool { !(ProcessInfo.processInfo.environment["RECORD_TRANSCRIPTS"] ?? "").isEmpty }

    var inputURL: URL { Self.directory.appendingPathComponent(name + ".in") }
    var expectedURL: URL { Self.directory.appendingPathComponent(name + ".out") }

    func script() throws -> String { try String(contentsOf: inputURL, encoding: .utf8) }

    /// Timings vary from run to run: `{ms}` in their place (with the spaces that align them),
    /// `{share}` for a time share printed after one, `{ops}` for the slowest ops' list;
    /// error sizes against the golden tensors (`3.4e-06`) become `{e}`.
    static func normalise(_ text: String) -> String {
        text.replacing(/\ *-?\d+\.\d+ ms/, with: " {ms}")
            .replacing(/\{ms\} +\d+\.\d%/, with: "{ms} {share}")
            .replacing(/error \d\.\de[-+]\d\d/, with: "error {e}")
            .replacing(/slowest ops: [^\n]*/, with: "slowest ops: {ops}")
    }

    /// nil when `actual` matches the expected file (or was just recorded); otherwise the first
    /// differing line of each, numbered.
    /// `replacing` maps text that varies by run (a temporary folder) to a stable word.
    /// `status` is the exit status of a process run (nil for a session run in this process).
    func mismatch(_ actual: String, replacing: [String: String] = [:], status: Int32? = nil) throws -> String? {
        var actual = Self.normalise(actual)
        for (text, word) in replacing { actual = actual.replacingOccurrences(of: text, with: word) }
        if Self.recording {
            let previous = try? String(contentsOf: expectedURL, encoding: .utf8)
            if let refusal = RecordingRefusal.reason(actual: actual, expected: previous, status: status) {
                return "\(name).out not recorded: \(refusal)"
            }
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return nil
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let got = index < a.count ? String(a[index]) : "<end of output>"
            let want = index < e.count ? String(e[index]) : "<end of file>"
            if index >= a.count || index >= e.count || !Self.line(got, matches: want) {
                return "\(name).out line \(index + 1):\n  expected: \(want)\n  actual:   \(got)"
            }
        }
        return nil
    }

    /// Whether `line` matches `pattern`, where `{*}` in the pattern matches any text.
    static func line(_ line: String, matches pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "{*}")
        guard parts.count > 1 else { return line == pattern }
        guard line.hasPrefix(parts[0]) else { return false }
        var rest = line.dropFirst(parts[0].count)
        for middle in parts.dropFirst().dropLast() {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts[parts.count - 1])
    }
}
