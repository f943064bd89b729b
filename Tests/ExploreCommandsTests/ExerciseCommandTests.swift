import Foundation
import TestSupport
import Testing

/// `explore exercise` end to end: files written whole and never over a sheet, grading that
/// only reads, Gradescope's results.json, and one-line errors.
struct ExerciseCommandTests {
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "exercise-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func newKeyGradeRoundTripNeverChangesTheSheet() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sheet = folder + "/bob.md"
        let key = folder + "/bob-key.md"
        let results = folder + "/results.json"

        let made = try ExploreBinary.run(["exercise", "new", "--set", "pixel-loss", "--student", "bob", "--seed", "5", "--out", sheet])
        #expect(made.status == 0 && made.standardOutput.isEmpty, "\(made.standardError)")
        let printed = try ExploreBinary.run(["exercise", "new", "--set", "pixel-loss", "--student", "bob", "--seed", "5"])
        #expect(try String(contentsOfFile: sheet, encoding: .utf8) == printed.standardOutput)

        let again = try ExploreBinary.run(["exercise", "new", "--set", "pixel-loss", "--student", "bob", "--seed", "5", "--out", sheet])
        #expect(again.status != 0)
        #expect(again.standardError == "explore: '\(sheet)' already exists: choose another name or pass --force\n")

        #expect(try ExploreBinary.run(["exercise", "key", "--set", "pixel-loss", "--student", "bob", "--seed", "5", "--out", key]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: key))
        let modified = try FileManager.default.attributesOfItem(atPath: key)[.modificationDate] as? Date

        let graded = try ExploreBinary.run(["exercise", "grade", key, "--gradescope", results])
        #expect(graded.status == 0, "\(graded.standardError)")
        #expect(graded.standardOutput.hasSuffix("score: 8/8\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: key)[.modificationDate] as? Date == modified)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        #expect(json["score"] as? Int == 8 && json["max_score"] as? Int == 8)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 8)
        for test in tests {
            #expect(test["score"] as? Int == 1 && test["max_score"] as? Int == 1 && test["output"] as? String == "right")
            #expect(test["visibility"] as? String == "visible" && (test["name"] as? String)?.hasPrefix("Q") == true)
        }

        let overSheet = try ExploreBinary.run(["exercise", "grade", key, "--gradescope", key])
        #expect(overSheet.status != 0 && overSheet.standardError.contains("grading never overwrites a sheet"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == before)

        let blank = try ExploreBinary.run(["exercise", "grade", sheet, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(blank.standardOutput.utf8)) as? [String: Any])
        #expect(report["score"] as? Int == 0 && report["max_score"] as? Int == 8 && report["student"] as? String == "bob")
    }

    @Test func anInstructorsOwnSetFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let setFile = folder + "/week3.json"
        let sheet = folder + "/dana.md"
        let key = folder + "/dana-key.md"
        let json = #"{"name": "week3", "title": "Week 3", "count": 5, "kinds": ["porting", "macs"], "inputSize": [150, 170], "overrides": false}"#
        FileManager.default.createFile(atPath: setFile, contents: Data(json.utf8))
        for (command, path) in [("new", sheet), ("key", key)] {
            let made = try ExploreBinary.run(["exercise", command, "--set", setFile, "--student", "dana", "--out", path])
            #expect(made.status == 0, "\(made.standardError)")
        }
        let graded = try ExploreBinary.run(["exercise", "grade", key, "--set", setFile])
        #expect(graded.status == 0 && graded.standardOutput.hasSuffix("score: 5/5\n"), "\(graded.standardOutput)\(graded.standardError)")
        let withoutSet = try ExploreBinary.run(["exercise", "grade", key])
        #expect(withoutSet.standardError.contains("unknown set 'week3'"))
        FileManager.default.createFile(atPath: setFile, contents: Data(json.replacingOccurrences(of: "170", with: "171").utf8))
        let edited = try ExploreBinary.run(["exercise", "grade", sheet, "--set", setFile])
        #expect(edited.status != 0 && edited.standardError.contains("fingerprint mismatch"))
    }

    @Test func oneLineErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sheet = folder + "/carol.md"
        #expect(try ExploreBinary.run(["exercise", "new", "--set", "padding-basics", "--student", "carol", "--out", sheet]).status == 0)
        let binary = folder + "/binary.md"
        FileManager.default.createFile(atPath: binary, contents: Data((0..<4096).map { UInt8($0 % 256) }))

        let cases: [([String], String)] = [
            (
                ["exercise", "new", "--set", "nope", "--student", "a"],
                "explore: unknown set 'nope': the sets are network-what-ifs, padding-basics, pixel-loss (see 'explore exercise sets'), or pass --set path/to/set.json\n"
            ),
            (["exercise", "new", "--set", folder + "/missing.json", "--student", "a"], "explore: set file '\(folder)/missing.json' does not exist\n"),
            (
                ["exercise", "grade", sheet, "--student", "dave"],
                "explore: '\(sheet)' is the sheet of student 'carol', not 'dave': grade each student's own sheet\n"
            ),
            (
                ["exercise", "grade", binary],
                "explore: '\(binary)' is not an explore exercise sheet: its header has no '- set:' line (make one with 'explore exercise new')\n"
            ),
            (["exercise", "grade", folder + "/none.md"], "explore: sheet '\(folder)/none.md' does not exist\n"),
        ]
        for (arguments, expected) in cases {
            let result = try ExploreBinary.run(arguments)
            #expect(result.status != 0)
            #expect(result.standardError == expected, "explore \(arguments.joined(separator: " "))")
        }
    }
}
