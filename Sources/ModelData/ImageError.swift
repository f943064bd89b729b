import NetworkModel

/// Why an image cannot be loaded or written: one line naming the file.
public struct ImageError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case io, unknownFormat, decode, unsupported, wrongShape, fileExists, encode
    }

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
