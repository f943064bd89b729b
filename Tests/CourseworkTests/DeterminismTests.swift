import Coursework
import Foundation
import Tensors
import Testing

/// Sheets are pure functions of (set, student, seed): the same inputs give the same bytes,
/// and different students get different sheets.
struct DeterminismTests {
    static let library = SetLibrary(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Exercises/sets").path)

    @Test func theRepositoryShipsAtLeastThreeSets() throws {
        let names = Self.library.names()
        #expect(names.contains("padding-basics") && names.contains("pixel-loss") && names.contains("network-what-ifs"))
        #expect(try Self.library.all().count == names.count)
    }

    @Test(arguments: SetLibrary(directory: DeterminismTests.library.directory).names())
    func sameInputsGiveByteIdenticalSheets(_ name: String) throws {
        let set = try Self.library.resolve(name)
        for student in ["alice", "bob", "carol"] {
            let first = try Worksheet(set: set, student: student, seed: 7).markdown(key: true)
            let again = try Worksheet(set: try Self.library.resolve(name), student: student, seed: 7).markdown(key: true)
            #expect(first == again)
        }
    }

    @Test(arguments: SetLibrary(directory: DeterminismTests.library.directory).names())
    func hundredStudentsGetAtLeastNinetyDistinctSheets(_ name: String) throws {
        let set = try Self.library.resolve(name)
        let sheets = try (0..<100).map { try Worksheet(set: set, student: "student\($0)", seed: 1).markdown() }
        // Compare the questions only: the header names the student, which alone would make them differ.
        let questions = Set(sheets.map { $0.components(separatedBy: "## Q1.").last! })
        #expect(questions.count >= 90, "\(name): \(questions.count) distinct sheets of 100")
    }

    @Test func theSeedChangesTheSheetAndALongerSheetStartsTheSame() throws {
        let set = try Self.library.resolve("padding-basics")
        let one = try Worksheet(set: set, student: "alice", seed: 1)
        let two = try Worksheet(set: set, student: "alice", seed: 2)
        #expect(one.questions.map(\.prompt) != two.questions.map(\.prompt))
        let longer = try Worksheet(set: set, student: "alice", seed: 1, count: 12)
        #expect(Array(longer.questions.prefix(8)).map(\.prompt) == one.questions.map(\.prompt))
    }

    /// The generator's first outputs for seed 0 are SplitMix64's published reference values,
    /// so sheets do not depend on anything the platform chooses.
    @Test func splitMixMatchesItsReferenceOutputs() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
        #expect(FNV1a.hash("") == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a") == 0xAF63_DC4C_8601_EC8C)
    }
}
