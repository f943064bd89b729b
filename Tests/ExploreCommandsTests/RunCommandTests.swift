import Foundation
import ModelData
import Tensors
import TestSupport
import Testing

/// `explore run` as a user runs it. Only the first test computes (one naive pass, seconds
/// in release); the others must fail before computing anything.
struct RunCommandTests {
    private static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "explore-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func savesTheNamedLayersAsNPYAndRefusesToOverwrite() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layers = "Conv2d_1a_3x3,Mixed_5b/Branch_3/AvgPool_0a_3x3,Embedding"
        let result = try ExploreBinary.run(["run", "--gemm", "naive", "--save", folder, "--layers", layers])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("naive forward pass, 160x160 input, seeded random weights (seed 2018, untrained), synthetic image: ") == true)
        #expect(lines.first?.hasSuffix(" s (338 layers)") == true)
        #expect(lines.dropFirst().first?.hasPrefix("embedding [1024]: norm 1.000000, first 8: ") == true)
        #expect(lines.last == "saved 3 tensors to \(folder)")

        // The files hold what the ledger says: Conv2d_1a_3x3 is 79x79x32 at 160, the Branch_3
        // average pool 17x17x192 (in a folder per path component), the embedding unit length.
        #expect(try NPY.read(path: folder + "/Conv2d_1a_3x3.npy").shape == [1, 79, 79, 32])
        #expect(try NPY.read(path: folder + "/Mixed_5b/Branch_3/AvgPool_0a_3x3.npy").shape == [1, 17, 17, 192])
        let embedding = try NPY.read(path: folder + "/Embedding.npy")
        #expect(embedding.shape == [1, 1024])
        #expect(abs(embedding.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } - 1) < 1e-5)

        // A second run into the same folder stops at once unless --force.
        let again = try ExploreBinary.run(["run", "--save", folder, "--layers", "Embedding"])
        #expect(again.status != 0)
        #expect(again.standardError == "explore: \(folder)/Embedding.npy exists: pass --force to replace it, or choose another --save folder\n")
        #expect(again.seconds < 3)
    }

    @Test(arguments: [
        (
            ["run", "--save", "/tmp/never-written", "--layers", "Mixed_5b,Block17_40"],
            "explore: unknown layer 'Block17_40': did you mean 'Block17_4', 'Block17_10', 'Block17_20'?"
        ),
        (["run", "--layers", "Embedding"], "explore: --layers chooses what --save writes: add --save DIR (see 'explore run --help')"),
        (
            ["run", "--seed", "3", "--weights", "w.safetensors"],
            "explore: --seed chooses generated weights, --weights reads a file: give one of them (see 'explore run --help')"
        ),
        (["run", "--weights", "/nonexistent/w.safetensors"], "explore: /nonexistent/w.safetensors: cannot open: No such file or directory"),
    ])
    func wrongArgumentsStopWithOneLineBeforeComputing(arguments: [String], expected: String) throws {
        let result = try ExploreBinary.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError == expected + "\n")
        #expect(result.standardOutput.isEmpty)
        #expect(result.seconds < 3)
    }

    /// A `.npy` image of another size names the fix.
    @Test func aWronglySizedNPYInputNamesTheFix() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/small.npy"
        try NPY.write(Tensor(shape: [1, 120, 120, 3], repeating: 0.5), to: path)
        let result = try ExploreBinary.run(["run", "--input", path])
        #expect(result.status != 0)
        #expect(result.standardError == "explore: \(path): the array is 120x120, the network input is 160x160: pass --input-size 120\n")
        #expect(result.seconds < 3)
    }
}
