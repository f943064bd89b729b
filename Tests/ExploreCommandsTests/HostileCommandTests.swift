import Foundation
import ModelData
import Tensors
import TestSupport
import Testing

/// Issue 17's hostile commands, run as a user would: each ends in a clean one-line error
/// (no signal, no stack trace), quickly, and leaves no file behind or damaged.
struct HostileCommandTests {
    private static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "explore-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `explore arguments`, expects a one-line `explore: ...` error containing `expected` within `seconds`.
    private func refuses(_ arguments: [String], _ expected: String, within seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ExploreBinary.run(arguments)
        #expect(result.status == 1 || result.status == 64, "\(arguments): status \(result.status)", sourceLocation: sourceLocation)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[1].isEmpty && lines[0].hasPrefix("explore: "), "\(arguments): \(result.standardError.prefix(500))",
            sourceLocation: sourceLocation)
        #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError.prefix(500))", sourceLocation: sourceLocation)
        #expect(result.seconds < seconds, "\(arguments) took \(result.seconds) s", sourceLocation: sourceLocation)
    }

    /// Case 5 and 8: sizes beyond the one shared range, on every command that derives shapes.
    @Test func hugeInputSizesAndBottlenecks() throws {
        for command in [["table"], ["run"], ["step", "Conv2d_1a_3x3"], ["render"]] {
            try refuses(command + ["--input-size", "10000000"], "input size 10000000 is outside 1...1024")
        }
        try refuses(["weights", "export", "/nonexistent/F", "--bottleneck", "100000000"], "bottleneck width 100000000 is outside 1...16384")
        try refuses(["table", "--bottleneck", "4611686018427387904"], "bottleneck width 4611686018427387904 is outside 1...16384")
        try refuses(["run", "--input-size", "100000"], "input size 100000 is outside")
    }

    /// Cases 6 and 7: pad with Int.max neither traps (SAME) nor hangs (VALID).
    @Test(arguments: ["SAME", "VALID"])
    func padWithIntMax(padding: String) throws {
        try refuses(
            ["pad", "--size", "9223372036854775807", "--kernel", "3", "--padding", padding], "size 9223372036854775807 is outside 1...1048576", within: 5)
        try refuses(
            ["pad", "--size", "17", "--kernel", "3", "--stride", "9223372036854775807", "--padding", padding], "stride 9223372036854775807 is outside",
            within: 5)
    }

    /// Case 15 and `--save /proc/x`: refused before any computation.
    @Test func unusableSaveFolders() throws {
        try refuses(["run", "--save", "", "--layers", "Conv2d_1a_3x3"], "the folder name is empty", within: 5)
        try refuses(["run", "--save", "/proc/explore-cannot-be-here", "--layers", "Conv2d_1a_3x3"], "cannot save here", within: 5)
        try refuses(["render", "--out", ""], "the output path is empty", within: 5)
        #expect(!FileManager.default.fileExists(atPath: "/Conv2d_1a_3x3.npy"))
    }

    /// Case 12: NaN in the input image is named before computing, with a failing status.
    @Test func nanInputIsNamed() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var scalars = [Float](repeating: 0.25, count: 160 * 160 * 3)
        scalars[5] = .nan
        try NPY.write(Tensor(shape: [1, 160, 160, 3], scalars: scalars), to: folder + "/nan.npy")
        try refuses(["run", "--input", folder + "/nan.npy"], "the input image holds nan at scalar 5; nothing was computed")
    }

    /// `--golden /dev/zero`: one line, not an NSError dump or an endless read.
    @Test func goldenFromADevice() throws {
        try refuses(["verify", "--golden", "/dev/zero"], "golden file /dev/zero cannot be read: not a regular file", within: 5)
    }

    /// Case 14: a one-megabyte name in the REPL is answered at once, and the REPL lives on.
    @Test func replInspectWithAHugeName() throws {
        let name = String(repeating: "Mixed_5b", count: 131_072)
        let result = try ExploreBinary.run([], input: "inspect \(name)\ninspect Conv2d_1a_3x3\nquit\n", mergingStandardError: true)
        #expect(result.status == 0)
        #expect(result.seconds < 20, "took \(result.seconds) s")
        #expect(result.standardOutput.contains("unknown layer 'Mixed_5bMixed_5b"))
        #expect(result.standardOutput.contains("...(1048576 bytes)"))
        #expect(result.standardOutput.contains("Conv2d_1a_3x3"))
        let error = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("error: unknown layer") }
        #expect((error?.count ?? .max) < 400, "the error does not repeat the name whole")
    }

    /// Case 9: SIGTERM or SIGINT during `weights export` removes the temporary file.
    @Test(arguments: [SIGTERM, SIGINT])
    func signalDuringExportLeavesNothing(signal: Int32) throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = try #require(ExploreBinary.url)
        process.arguments = ["weights", "export", folder + "/F.safetensors", "--bottleneck", "16384"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file to appear, then stop the writer mid-way.
        let deadline = Date().addingTimeInterval(60)
        while (try FileManager.default.contentsOfDirectory(atPath: folder)).isEmpty, process.isRunning, Date() < deadline {
            usleep(2_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "killed by the signal, so the exit status says so")
        #expect(process.terminationStatus == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    /// Case 10: a render that fails mid-write (the file size limit) leaves the existing file whole.
    @Test func failedRenderKeepsTheExistingFile() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/existing.svg"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: target))
        let explore = try #require(ExploreBinary.url).path
        // SIGXFSZ ignored: writes past 4 blocks fail with EFBIG instead of killing the process.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" render --out \"$1\"", explore, target]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(message)")
        #expect(message.hasPrefix("explore: cannot write '\(target)'"), "\(message)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["existing.svg"])
    }
}
