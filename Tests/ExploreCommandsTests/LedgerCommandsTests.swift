import Foundation
import TestSupport
import Testing

/// `explore table`, `audit` and `pad` as a user runs them: output, errors, exit codes.
struct LedgerCommandsTests {
    @Test(arguments: [
        ["table"], ["table", "--format", "json"], ["table", "--format", "markdown", "--lang", "zh"], ["audit"],
        ["pad", "--size", "17", "--kernel", "3", "--stride", "2", "--padding", "VALID"],
    ])
    func answersWithoutWeightsWellUnderASecond(arguments: [String]) throws {
        let result = try ExploreBinary.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        #expect(!result.standardOutput.isEmpty)
        #expect(result.seconds < 1.0, "\(arguments) took \(result.seconds) s")
    }

    @Test func tableAtThePaperSize() throws {
        let result = try ExploreBinary.run(["table", "--input-size", "299"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Mixed_6a                           concat"))
        #expect(result.standardOutput.contains("17x17x1088"))
    }

    /// A breaking what-if prints the table up to the failing layer, then one error line.
    @Test func breakingWhatIfPrintsTheTableUpToTheFailure() throws {
        let result = try ExploreBinary.run(["table", "--padding", "Mixed_6a/Branch_0/Conv2d_1a_3x3=SAME"])
        #expect(result.status != 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.last?.hasPrefix("Mixed_6a/Branch_2/MaxPool_1a_3x3") == true)
        #expect(
            result.standardError
                == "explore: layer 'Mixed_6a' breaks the network: branches disagree spatially: Branch_0 9x9x384, Branch_1 8x8x384, Branch_2 8x8x320 (input 9x9x384, 8x8x384, 8x8x320)\n"
        )
    }

    /// Wrong input: one line on standard error that points at the fix, non-zero exit.
    @Test(arguments: [
        (
            ["table", "--padding", "Mixed_6x=SAME"],
            "explore: unknown layer 'Mixed_6x': did you mean 'Mixed_6a', 'Mixed_5b', 'Mixed_7a'? (see 'explore table --help')"
        ),
        (
            ["table", "--input-size", "0"],
            "explore: input size 0 is outside 1...1024: activations grow with the square of the side, so the explorer stops at 1024 (e.g. --input-size 160) (see 'explore table --help')"
        ),
        // 50 -> 24 -> 22 -> 22 -> 10 -> 10 -> 8 -> 3 -> 1 at Mixed_6a: Mixed_7a's 3x3 VALID windows no longer fit.
        (
            ["table", "--input-size", "50"],
            "explore: layer 'Mixed_7a/Branch_0/Conv2d_1a_3x3' breaks the network: a 3x3 VALID window does not fit the 1x1 map (input 1x1x256)"
        ),
        (["table", "--colour"], "explore: Unknown option '--colour' (see 'explore table --help')"),
        (
            ["pad", "--size", "3", "--kernel", "5", "--padding", "VALID"],
            "explore: a 5x5 VALID window does not fit a 3x3 map: use --padding SAME or a size of at least 5x5"
        ),
        (["tabel"], "explore: Unexpected argument 'tabel' (see 'explore --help')"),
    ])
    func wrongInputGetsOneLine(arguments: [String], expected: String) throws {
        let result = try ExploreBinary.run(arguments)
        #expect(result.status != 0)
        #expect(result.standardError == expected + "\n")
    }
}

/// `explore sweep` and the table filters as a user runs them.
struct SweepAndFilterCommandsTests {
    /// The sweep against a brute-force loop over `explore table` (one process per size).
    @Test func sweepAgreesWithTableRunPerSize() throws {
        let sweep = try ExploreBinary.run(["sweep", "--from", "72", "--to", "81", "--json"])
        #expect(sweep.status == 0, "\(sweep.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(sweep.standardOutput.utf8)) as! [String: Any]
        let sizes = json["sizes"] as! [[String: Any]]
        #expect(sizes.count == 10)
        for row in sizes {
            let size = row["size"] as! Int
            let table = try ExploreBinary.run(["table", "--input-size", String(size), "--format", "json"])
            if row["runs"] as! Bool {
                #expect(table.status == 0, "size \(size)")
                let layers = try JSONSerialization.jsonObject(with: Data(table.standardOutput.utf8)) as! [[String: Any]]
                let lossy = layers.filter { ($0["lost"] as! [Int]) != [0, 0] }.map { $0["name"] as! String }
                #expect(lossy == row["lossy"] as! [String], "size \(size)")
            } else {
                #expect(table.status != 0, "size \(size)")
                #expect(table.standardError.contains("layer '\(row["breaks_at"] as! String)' breaks the network"), "size \(size): \(table.standardError)")
            }
        }
    }

    @Test func sweepRefusesABackwardRangeInOneLine() throws {
        let result = try ExploreBinary.run(["sweep", "--from", "300", "--to", "200"])
        #expect(result.status != 0)
        #expect(result.standardError.hasPrefix("explore: --from 300 is above --to 200"))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test func tableFilteredToOneBlock() throws {
        let result = try ExploreBinary.run(["table", "Mixed_6a", "--wide"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("Mixed_6a") }.count == 6)
        #expect(lines.last == "6 of 338 layers shown")
    }

    @Test func tableOnlyLossyFitsEightyColumns() throws {
        let result = try ExploreBinary.run(["table", "--only", "lossy"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(result.standardOutput.contains("pixels lost in 6 layers"))
    }

    @Test func tablePatternMatchingNothingIsOneLine() throws {
        let result = try ExploreBinary.run(["table", "Mixed_6x"])
        #expect(result.status != 0)
        #expect(result.standardError == "explore: no layer matches 'Mixed_6x': did you mean 'Mixed_6a', 'Mixed_5b', 'Mixed_7a'?\n")
    }
}

/// The REPL on the front door: `explore repl`, `explore help repl`, and `explore --help`.
struct FrontDoorTests {
    @Test func replSubcommandReadsAPipedSession() throws {
        let result = try ExploreBinary.run(["repl"], input: "where\n")
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("explore> where\nat the start"))
    }

    @Test func helpReplExplainsTheREPL() throws {
        let result = try ExploreBinary.run(["help", "repl"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("'explore' with no subcommand, or 'explore repl', starts a session"))
        #expect(result.standardOutput.contains("run [to] LAYER"))
    }

    @Test func topLevelHelpNamesTheREPLFirst() throws {
        let result = try ExploreBinary.run(["--help"])
        let beforeUsage = result.standardOutput.components(separatedBy: "USAGE:")[0]
        #expect(beforeUsage.contains("Run 'explore' alone (or 'explore repl') for the interactive explorer"))
    }
}

/// `explore pad --picture` and `explore windows`: files written once, errors in one line.
struct WindowPictureCommandsTests {
    @Test func windowsWritesAComparisonAndRefusesToOverwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("windows-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("conv.svg").path
        let first = try ExploreBinary.run(["windows", "Conv2d_1a_3x3", "--picture", svg, "--compare"])
        #expect(first.status == 0, "\(first.standardError)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("3x3 window, stride 2, SAME, on a 160x160 map"))
        #expect(text.contains("3x3 window, stride 2, VALID, on a 160x160 map"))
        let again = try ExploreBinary.run(["windows", "Conv2d_1a_3x3", "--picture", svg])
        #expect(again.status != 0)
        #expect(again.standardError == "explore: --picture '\(svg)' exists: add --force to replace it\n")
        let png = folder.appendingPathComponent("pad.png").path
        let padded = try ExploreBinary.run(["pad", "--size", "8", "--kernel", "3", "--stride", "2", "--padding", "SAME", "--picture", png])
        #expect(padded.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func windowsRefusesAnOpWithoutAWindow() throws {
        let result = try ExploreBinary.run(["windows", "Mixed_6a"])
        #expect(result.status != 0)
        #expect(result.standardError == "explore: 'Mixed_6a' is a concat, not a windowed op: name a convolution or a pooling layer\n")
    }
}
