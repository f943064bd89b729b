/// A session command that failed because something below it did: the command's name, then
/// the cause in its own words. The cause keeps its type, for whoever wants to look at it.
public struct CommandFailure: Error, CustomStringConvertible {
    /// `render`, `show`: the command as the student typed it.
    public let command: String
    public let cause: any Error

    public init(_ command: String, _ cause: any Error) {
        self.command = command
        self.cause = cause
    }

    public var description: String { "\(command): \(FailureMessage.line(cause))" }
}
