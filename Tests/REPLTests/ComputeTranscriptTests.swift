import Exploration
import Foundation
import ModelData
import Testing

@testable import REPL

/// Sessions that compute (naive kernels, seeded weights, the synthetic image): a walk through
/// the stem, a Block35, Mixed_6a and the head; and a what-if that breaks the network mid-run.
/// Run them in release (`swift test -c release`): the walk computes the whole network once.
@Suite(.serialized) struct ComputeTranscriptTests {
    static func run(_ name: String) throws {
        let file = TranscriptFile(name: name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repl-transcript-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Two .npy images: the built-in one at 160, and a 64x64 one that does not fit.
        try NPY.write(SyntheticImage.make(size: 160), to: folder + "/image.npy")
        try NPY.write(SyntheticImage.make(size: 64), to: folder + "/small.npy")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var settings = SessionSettings()
        settings.kernels = .naive
        settings.outputDirectory = folder
        // `$OUT` in a script is the session's output folder (render writes there too).
        let script = try file.script().replacingOccurrences(of: "$OUT", with: folder)
        let output = try SessionRunner.run(script, settings: settings)
        if let mismatch = try file.mismatch(output, replacing: [folder: "{out}"]) { Issue.record("\(mismatch)") }
    }

    @Test func walkThroughStemBlock35Mixed6aAndHead() throws { try Self.run("walk") }

    @Test func breakingWhatIfsLeaveAConsistentSession() throws { try Self.run("what-if") }

    @Test func otherInputsAndSeeds() throws { try Self.run("inputs") }

    @Test func tfSlimOptionsAsWhatIfs() throws { try Self.run("tf-slim") }
}
