import Foundation
import TestSupport
import Testing

#if DEBUG
private let optimised = false
#else
private let optimised = true
#endif

/// `explore render` as a user runs it: where it writes, when it refuses, its errors.
struct RenderCommandTests {
    /// A fresh empty folder to run in.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("render-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesUnderOutputAndNeverOverwritesTheDefault() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("Output/overview.svg").path

        let first = try ExploreBinary.run(["render"], currentDirectory: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("wrote Output/overview.svg (25 nodes, 31 edges)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<svg"))

        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        let second = try ExploreBinary.run(["render"], currentDirectory: folder)
        #expect(second.status != 0)
        #expect(second.standardError == "explore: 'Output/overview.svg' exists: pass --force to overwrite it, or name it with --out\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")

        let forced = try ExploreBinary.run(["render", "--force"], currentDirectory: folder)
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<svg"))

        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        let named = try ExploreBinary.run(["render", "--out", "Output/overview.svg"], currentDirectory: folder)
        #expect(named.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<svg"))
    }

    @Test func formatFollowsTheExtensionAndExpandNamesTheFile() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = try ExploreBinary.run(["render", "--out", "a.png"], currentDirectory: folder)
        #expect(png.status == 0, "\(png.standardError)")
        let bytes = try Data(contentsOf: folder.appendingPathComponent("a.png"))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])

        let dot = try ExploreBinary.run(["render", "--expand", "Block17", "--format", "dot"], currentDirectory: folder)
        #expect(dot.status == 0, "\(dot.standardError)")
        let text = try String(contentsOf: folder.appendingPathComponent("Output/Block17.dot"), encoding: .utf8)
        #expect(text.hasPrefix("digraph \"Block17_1\" {"))
        #expect(text.contains("showing Block17_1"))
    }

    @Test func whatIfThatBreaksStillDrawsAndSaysWhere() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExploreBinary.run(["render", "--padding", "Mixed_6a/Branch_0/Conv2d_1a_3x3=SAME", "--out", "b.svg"], currentDirectory: folder)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("the network breaks at Mixed_6a"))
        let svg = try String(contentsOf: folder.appendingPathComponent("b.svg"), encoding: .utf8)
        #expect(svg.contains("BREAKS"))
    }

    /// Runs the network once (at 75, the smallest input that fits, to stay quick) and
    /// shades by time: every node gets a share, the shares of the layers add up to 100%.
    @Test func colorTimeRunsTheNetworkAndLabelsShares() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExploreBinary.run(["render", "--color", "time", "--input-size", "75", "--format", "dot", "--out", "t.dot"], currentDirectory: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let dot = try String(contentsOf: folder.appendingPathComponent("t.dot"), encoding: .utf8)
        let nodeLines = dot.split(separator: "\n").filter { $0.contains("tooltip=") }
        #expect(nodeLines.count == 25)
        #expect(nodeLines.allSatisfy { $0.contains("time ") })
        #expect(dot.contains("the slowest node"))
    }

    /// The golden comparison over the whole network (about 2 minutes unoptimised, so
    /// release builds only, as CI runs them): every node agrees with TensorFlow/Keras.
    @Test(.enabled(if: optimised, "runs the whole network: release builds only"))
    func colorVerifyShadesByGoldenAgreement() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExploreBinary.run(["render", "--color", "verify", "--format", "dot", "--out", "v.dot"], currentDirectory: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let dot = try String(contentsOf: folder.appendingPathComponent("v.dot"), encoding: .utf8)
        let nodeLines = dot.split(separator: "\n").filter { $0.contains("tooltip=") }
        #expect(nodeLines.count == 25)
        #expect(nodeLines.allSatisfy { $0.contains("verify: ") && !$0.contains("FAIL") && !$0.contains("not checked") })
        #expect(dot.contains("verify: 120/120 pass"))  // Block17 x20 body: 20 x 6 layers
    }

    /// One line on standard error, non-zero exit, nothing written.
    @Test(arguments: [
        (["render", "--format", "gif"], "explore: unknown format 'gif': use one of svg, png, pdf, dot\n"),
        (["render", "--out", "/nonexistent-folder/x.svg"], "explore: cannot write '/nonexistent-folder/x.svg': cannot create: No such file or directory\n"),
        (["render", "--out", "x.png", "--format", "svg"], "explore: --out 'x.png' ends in .png but --format is svg: make them agree\n"),
        (
            ["render", "--expand", "Conv2d_1a_3x3"],
            "explore: 'Conv2d_1a_3x3' is a single layer, not a block: it is drawn in the overview; --expand takes a block (Mixed_5b, Block35_3, Mixed_6a, Block17_4, Mixed_7a, Block8_10), a kind (Block35, Block17, Block8) or all\n"
        ),
        (["render", "--color", "purple"], "explore: unknown --color 'purple': use kind, time or verify\n"),
        (
            ["render", "--color", "verify", "--seed", "3", "--out", "v.svg"],
            "explore: --color verify uses the golden file's weights and image: drop --weights, --seed and --input\n"
        ),
        (
            ["render", "--color", "verify", "--input-size", "299"],
            "explore: --color verify compares with golden tensors made at input 160, bottleneck 1024 with the declared network: drop --input-size, --bottleneck, --padding and TF-Slim's options (--align-feature-maps, --output-stride, --dilation, --through)\n"
        ),
        (
            ["render", "--color", "verify", "--align-feature-maps"],
            "explore: --color verify compares with golden tensors made at input 160, bottleneck 1024 with the declared network: drop --input-size, --bottleneck, --padding and TF-Slim's options (--align-feature-maps, --output-stride, --dilation, --through)\n"
        ),
    ])
    func errorsAreOneLine(arguments: [String], expected: String) throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ExploreBinary.run(arguments, currentDirectory: folder)
        #expect(result.status != 0)
        #expect(result.standardError == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func helpSpellsOutTheOverwriteRule() throws {
        let result = try ExploreBinary.run(["render", "--help"])
        #expect(result.status == 0)
        let help = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("An existing file is never overwritten unless --out names it explicitly or --force is given"))
    }
}
