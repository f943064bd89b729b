/// A problem with a lesson or with what `explore lesson` was asked to do, as one line naming the place.
public struct LessonError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file at fault (as the user named it), or nil when the fault is not in a file.
    public let file: String?
    /// 1-based line in `file`, when the fault is on one line.
    public let line: Int?
    public let message: String

    public init(file: String? = nil, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, `file: message` or just the message.
    public var description: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        default: message
        }
    }
}
