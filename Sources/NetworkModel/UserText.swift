/// Text that came from a user or a file, made safe to print inside a one-line message.
public enum UserText {
    /// Longest quoted text kept whole; longer text is cut with its length noted.
    public static let longest = 200

    /// `text` with control characters, bidirectional overrides and other invisible
    /// format characters written as `\u{...}` escapes (newline as `\n`), cut to `longest`
    /// characters, so one message stays one line and shows what the bytes are.
    /// Empty text is shown as `""`, so that a message never starts with a bare colon.
    public static func escaped(_ text: String, longest: Int = longest) -> String {
        guard !text.isEmpty else { return "\"\"" }
        var result = ""
        var kept = 0
        for scalar in text.unicodeScalars {
            if kept == longest {
                return result + "...(\(text.utf8.count) bytes)"
            }
            kept += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\\": result += "\\\\"
            default:
                if isInvisible(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Controls (C0, DEL, C1), format characters such as the bidi overrides and zero widths,
    /// line and paragraph separators, and the replacement character of undecodable bytes.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: scalar == "\u{FFFD}"
        }
    }
}
