import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one command printed (standard output, then standard error: a fixed order, where a
/// shared pipe would interleave them by buffer size) and how it ended.
public struct StepOutput: Sendable {
    public let lines: [String]
    public let status: StepStatus
    public let seconds: Double
}

/// Runs the `explore` executable as a child process in a given folder, with a timeout.
public struct ExploreRunner: Sendable {
    public let executable: URL
    public let timeout: Double

    public init(executable: URL, timeout: Double = 120) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The executable this process runs (to spawn `explore` itself), resolved to a real path.
    public static func currentExecutable() -> URL {
        #if os(Linux)
        let link = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: link.path) { return link }
        #endif
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// Runs `explore arguments` in `directory` with `input` on standard input; NO_COLOR=1 and no
    /// COLUMNS keep the output the same everywhere.
    public func run(_ arguments: [String], input: String?, in directory: URL) throws -> StepOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // Output to a pipe is laid out at full width (the table fits $COLUMNS only when it is set).
        environment.removeValue(forKey: "COLUMNS")
        environment["TERM"] = "dumb"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let start = Date()
        do { try process.run() } catch {
            throw LessonError("cannot start \(executable.path): \(error.localizedDescription)")
        }
        let inputData = Data((input ?? "").utf8)
        let writer = Thread {
            try? standardInput.fileHandleForWriting.write(contentsOf: inputData)
            try? standardInput.fileHandleForWriting.close()
        }
        writer.start()
        let collected = CollectedBytes()
        let collectedErrors = CollectedBytes()
        Thread { collected.store(output.fileHandleForReading.readDataToEndOfFile()) }.start()
        Thread { collectedErrors.store(errors.fileHandleForReading.readDataToEndOfFile()) }.start()
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let status: StepStatus
        if timedOut {
            status = .timedOut(seconds: timeout)
        } else if process.terminationReason == .uncaughtSignal {
            status = .signalled(process.terminationStatus)
        } else {
            status = .exited(process.terminationStatus)
        }
        let lines = Self.lines(collected.wait()) + Self.lines(collectedErrors.wait())
        return StepOutput(lines: lines, status: status, seconds: seconds)
    }
}

extension ExploreRunner {
    /// The lines of a stream's bytes; a missing final newline is forgiven.
    static func lines(_ data: Data) -> [String] {
        guard !data.isEmpty else { return [] }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Bytes handed from the reading thread to the waiting one.
private final class CollectedBytes: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    func store(_ bytes: Data) {
        data = bytes
        done.signal()
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}
