/// A command the parser or the session rejects: one line, naming what is wrong and what would work.
public struct CommandError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
