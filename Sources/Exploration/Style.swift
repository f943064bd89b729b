import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI colour for a terminal, or plain text: off when output is piped, when
/// `NO_COLOR` is set (https://no-color.org) or when `TERM` is `dumb`.
public struct Style: Sendable {
    public let colour: Bool

    public init(colour: Bool) { self.colour = colour }

    /// Colour when standard output is a terminal and the environment does not forbid it.
    public static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Style(colour: isatty(STDOUT_FILENO) == 1 && !noColour && !dumb)
    }

    public static let plain = Style(colour: false)

    private func wrap(_ code: String, _ text: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap("1", text) }
    public func dim(_ text: String) -> String { wrap("2", text) }
    public func red(_ text: String) -> String { wrap("31", text) }
    public func green(_ text: String) -> String { wrap("32", text) }
    public func yellow(_ text: String) -> String { wrap("33", text) }
    public func blue(_ text: String) -> String { wrap("34", text) }
    public func cyan(_ text: String) -> String { wrap("36", text) }
    /// A layer name as every report shows it.
    public func layer(_ text: String) -> String { wrap("1;36", text) }
    /// A shape or other figure the student should read.
    public func figure(_ text: String) -> String { wrap("33", text) }

    /// Background colour from the 256-colour palette (heat maps).
    public func background(_ index: Int, _ text: String) -> String { wrap("48;5;\(index)", text) }
}
