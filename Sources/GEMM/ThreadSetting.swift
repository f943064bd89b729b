#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads explore's parallel parts use: `EXPLORE_THREADS` when it is set, else
/// one per online processor. The worker pool is sized from it once, at its first use, so
/// it holds for the whole process (`scripts/peers` pins every runtime to the same count).
public enum ThreadSetting {
    /// The environment variable that pins the thread count.
    public static let variable = "EXPLORE_THREADS"
    /// The most threads it may ask for (more would only queue on the cores).
    public static let maximum = 256

    /// What is wrong with `EXPLORE_THREADS`, on one line, or nil when it is unset or valid.
    /// The command line checks this before it runs anything.
    public static var environmentProblem: String? {
        guard let text = environmentValue else { return nil }
        if case .failure(let problem) = parse(text) { return problem.description }
        return nil
    }

    /// The count `text` asks for: a whole number in `1...maximum`, or the reason it is not one.
    public static func parse(_ text: String) -> Result<Int, Problem> {
        guard let count = Int(text), count >= 1, count <= maximum else {
            let shown = text.count > 20 ? String(text.prefix(20)) + "..." : text
            return .failure(
                Problem(description: "\(variable)=\(shown) is not a thread count: give a whole number from 1 to \(maximum), or unset it to use every processor")
            )
        }
        return .success(count)
    }

    /// The count in effect: `EXPLORE_THREADS` when valid, else the online processors.
    /// (Read once; an invalid value was refused by the command line before this.)
    public static let count: Int = {
        if let text = environmentValue, case .success(let count) = parse(text) { return count }
        return onlineProcessors
    }()

    /// The number of online processors.
    public static var onlineProcessors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    private static var environmentValue: String? { getenv(variable).map { String(cString: $0) } }

    /// An `EXPLORE_THREADS` that is not a thread count.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }
}
