import Foundation

/// Runs the real `explore` executable (built next to the test bundle) with a script on its
/// standard input and both output streams in one pipe, as a shell user would see them.
enum ExploreProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `.build/<configuration>/explore`, beside the test runner.
    static var executable: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // The runner may sit inside `X.xctest/Contents/MacOS` (Darwin) or be `X.xctest` itself (Linux).
        while directory.pathComponents.count > 1 && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("explore").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("explore")
    }

    /// Output and exit status of `explore arguments` reading `input`.
    static func run(_ arguments: [String], input: String, environment extra: [String: String] = [:]) throws -> (output: String, status: Int32) {
        let url = executable
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw Failure(description: "no explore executable at \(url.path): build it first (swift build)")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
