import NetworkModel

/// Why a golden file cannot be used. Every description is one line and ends with
/// the hint to regenerate the file.
public enum GoldenFileError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, detail: String)
    case notGolden(path: String)
    case unsupportedVersion(path: String, found: UInt32, supported: UInt32)
    case truncated(path: String, detail: String)
    case brokenHeader(path: String, detail: String)
    case corrupt(path: String, detail: String)
    /// The file describes another network than the ledger (a layer or weight missing, or another shape).
    case mismatch(path: String, detail: String)

    public static let regenerateHint = "re-run scripts/golden/make_golden.py (see scripts/golden/README.md)"

    public var description: String {
        let body: String
        // The path and the details may quote the file's own text (layer names): escaped.
        func escape(_ text: String) -> String { UserText.escaped(text, longest: 400) }
        switch self {
        case .missing(let path): body = "golden file \(escape(path)) does not exist (pass --golden FILE, or run from the repository root)"
        case .unreadable(let path, let detail): body = "golden file \(escape(path)) cannot be read: \(escape(detail))"
        case .notGolden(let path): body = "\(escape(path)) is not a golden file (its first bytes are not IEGOLDEN)"
        case .unsupportedVersion(let path, let found, let supported):
            body = "golden file \(escape(path)) has format version \(found), this explorer reads version \(supported)"
        case .truncated(let path, let detail): body = "golden file \(escape(path)) is truncated: \(escape(detail))"
        case .brokenHeader(let path, let detail): body = "golden file \(escape(path)) has a broken header: \(escape(detail))"
        case .corrupt(let path, let detail): body = "golden file \(escape(path)) is damaged: \(escape(detail))"
        case .mismatch(let path, let detail): body = "golden file \(escape(path)) does not match the network: \(escape(detail))"
        }
        return "\(body); \(Self.regenerateHint)"
    }
}
