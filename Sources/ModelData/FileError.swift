import NetworkModel

/// Why a file cannot be read or written: one line naming the file (escaped), and the kind of
/// failure for callers that act on it. `ImageError` and `NPYError` are its two uses.
public struct FileError<Kind: Sendable & Equatable>: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let kind: Kind
    public let detail: String

    public init(path: String, kind: Kind, detail: String) {
        self.path = path
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(UserText.escaped(path)): \(detail)" }
}
