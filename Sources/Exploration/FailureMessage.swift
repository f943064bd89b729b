/// The one line a failure is told in: after `explore: ` on the command line, after `error: `
/// in the REPL. Domain errors keep their types up to here; this is where they become words.
public enum FailureMessage {
    /// The error's own description, on one line.
    public static func line(_ error: any Error) -> String {
        oneLine(String(describing: error))
    }

    /// `text` with its lines joined by spaces, blank lines dropped, and control characters
    /// (from file names or file contents) shown as `\u{..}` escapes instead of acting.
    public static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed() }
            .filter { !$0.isEmpty }
            .map { String($0) }
            .joined(separator: " ")
            .unicodeScalars.map { scalar in
                scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                    ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
            .joined()
    }
}
