import NetworkModel

/// Why a `.npy` file cannot be read or written: one line naming the file.
public struct NPYError: Error, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case io, badMagic, unsupportedVersion, brokenHeader, unsupportedDType, fortranOrder, truncated, trailingBytes, fileExists
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
