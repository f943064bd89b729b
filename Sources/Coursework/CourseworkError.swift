/// A one-line reason that names the file, option or value at fault.
public struct CourseworkError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
