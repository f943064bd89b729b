import Foundation

/// Runs the built `explore` executable the way a user would, for command-line and
/// transcript tests. Not part of the product.
public enum ExploreBinary {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        /// Empty when the streams were merged into `standardOutput`.
        public let standardError: String
        public let seconds: Double
    }

    public struct NotBuilt: Error, CustomStringConvertible {
        public let description: String
    }

    /// The `explore` built beside the running test bundle (`.build/<configuration>/explore`;
    /// the runner is `X.xctest` itself on Linux, inside `X.xctest/Contents/MacOS` on Darwin).
    public static var url: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("explore")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Runs `explore arguments...` with `input` on standard input (then closed) and
    /// `NO_COLOR=1`. With `mergingStandardError` both streams go to one pipe, in the
    /// order a shell user would see them.
    public static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:],
        mergingStandardError: Bool = false, currentDirectory: URL? = nil
    ) throws -> Result {
        guard let url else {
            throw NotBuilt(description: "no explore executable beside \(CommandLine.arguments[0]): build it first (swift build)")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = mergingStandardError ? stdout : stderr
        let start = Date()
        try process.run()
        // Feed and drain on other threads, so neither a long script nor a chatty
        // standard error can fill a pipe and block the child.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorBytes = ErrorBytes()
        let errorReader = Thread {
            if !mergingStandardError { errorBytes.store(stderr.fileHandleForReading.readDataToEndOfFile()) }
            errorBytes.finish()
        }
        errorReader.start()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = errorBytes.wait()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self),
            seconds: Date().timeIntervalSince(start))
    }

    /// Standard error's bytes, handed from the reading thread.
    private final class ErrorBytes: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()
        func store(_ bytes: Data) { data = bytes }
        func finish() { done.signal() }
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
