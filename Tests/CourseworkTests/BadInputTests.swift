import NetworkModel
import Testing

@testable import Coursework

/// Tampered, incomplete, garbled or misattributed sheets and broken set files: a clear
/// message per question or one line for the file, never a crash.
struct BadInputTests {
    static let library = DeterminismTests.library

    static func sheet(student: String = "alice", seed: UInt64 = 3) throws -> (Worksheet, String) {
        let sheet = try Worksheet(set: try library.resolve("padding-basics"), student: student, seed: seed)
        return (sheet, sheet.markdown())
    }

    static func gradeError(_ text: String, student: String? = nil) -> String? {
        do {
            _ = try Grader.grade(text: text, source: "sheet.md", library: library, student: student)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func anEditedSeedIsRefusedWithOneLine() throws {
        let (_, text) = try Self.sheet()
        let message = try #require(Self.gradeError(text.replacingOccurrences("- seed: 3", "- seed: 4")))
        #expect(message.contains("fingerprint mismatch") && !message.contains("\n"))
    }

    @Test func anEditedStudentOrCountOrFingerprintIsRefused() throws {
        let (_, text) = try Self.sheet()
        for (old, new) in [("- student: alice", "- student: bob"), ("- questions: 8", "- questions: 7"), ("- fingerprint: ", "- fingerprint: 0")] {
            let message = try #require(Self.gradeError(text.replacingOccurrences(old, new)), "\(new) was accepted")
            #expect(message.contains("fingerprint mismatch"))
        }
    }

    @Test func anEditedSetIsRefused() throws {
        let (_, text) = try Self.sheet()
        let other = try #require(Self.gradeError(text.replacingOccurrences("- set: padding-basics", "- set: pixel-loss")))
        #expect(other.contains("fingerprint mismatch"))
        let unknown = try #require(Self.gradeError(text.replacingOccurrences("- set: padding-basics", "- set: no-such-set")))
        #expect(unknown.contains("unknown set 'no-such-set'") && unknown.contains("padding-basics"))
    }

    @Test func anEditedSetFileIsRefused() throws {
        let (_, text) = try Self.sheet()
        var edited = try Self.library.resolve("padding-basics")
        edited.map = 5...41
        #expect(throws: CourseworkError.self) { try Grader.grade(text: text, source: "s", library: Self.library, set: edited) }
    }

    @Test func anotherStudentsSheetIsRefused() throws {
        let (_, text) = try Self.sheet(student: "bob")
        let message = try #require(Self.gradeError(text, student: "alice"))
        #expect(message == "'sheet.md' is the sheet of student 'bob', not 'alice': grade each student's own sheet")
        #expect(Self.gradeError(text, student: "bob") == nil)
    }

    @Test func missingAndGarbageAnswersAreReportedPerQuestion() throws {
        let (sheet, text) = try Self.sheet()
        let filled = SheetHelpers.fill(text, [1: "banana", 2: sheet.questions[1].expected.text, 3: "12x", 4: "∞∞∞ 💥"])
        let report = try Grader.grade(text: filled, source: "sheet.md", library: Self.library)
        #expect(report.results.map(\.verdict) == [.unreadable, .right, .unreadable, .unreadable, .missing, .missing, .missing, .missing])
        #expect(report.score == 1 && report.maxScore == 8)
        let first = report.results[0]
        #expect(first.message.hasPrefix("unreadable: \"banana\" (form: ") && first.message.contains("expected \(sheet.questions[0].expected.text)"))
        #expect(report.results[4].message.hasPrefix("missing: no answer; expected \(sheet.questions[4].expected.text)"))
    }

    @Test func notASheetIsOneLine() {
        for text in ["", "hello\nworld", String(repeating: "## Q1\nAnswer: 3\n", count: 1000), "- set: padding-basics\n- set: x"] {
            let message = Self.gradeError(text)
            #expect(message != nil && !message!.contains("\n"), "\(text.prefix(30)): \(message ?? "accepted")")
        }
    }

    @Test func hostileHeaderValuesAreOneLine() throws {
        let (_, text) = try Self.sheet()
        for (old, new) in [
            ("- seed: 3", "- seed: 99999999999999999999999"), ("- seed: 3", "- seed: -3"), ("- questions: 8", "- questions: 100000"),
            ("- student: alice", "- student: al ice"), ("- questions: 8", "- questions: 0"),
        ] {
            let message = try #require(Self.gradeError(text.replacingOccurrences(old, new)), "\(new) was accepted")
            #expect(!message.contains("\n"))
        }
    }

    @Test func answerSyntaxIsForgiving() {
        let size = ExpectedAnswer.size(Size2(8, 8))
        for text in ["8x8", " 8 X 8 ", "8×8", "8*8", "**8x8**", "`8x8`", "8", "8, 8", "(8, 8)", "8x8."] { #expect(size.judge(text) == .right, "\(text)") }
        for text in ["8x9", "9"] { #expect(size.judge(text) == .wrong, "\(text)") }
        for text in ["eight", "8x8x8", "8 by 8"] { #expect(size.judge(text) == .unreadable, "\(text)") }
        let lost = ExpectedAnswer.lostIndices(rows: [7, 15], columns: [])
        for text in ["rows: 7, 15; columns: none", "columns: none; rows: 15 7", "Rows 15,7 Cols -", "rows: 7 7 15; columns:"] {
            #expect(lost.judge(text) == .right, "\(text)")
        }
        #expect(lost.judge("rows: 7; columns: none") == .wrong)
        #expect(lost.judge("7, 15") == .unreadable)
        let pad = ExpectedAnswer.sides(SidePadding(top: 0, bottom: 1, left: 0, right: 1))
        for text in ["0, 1, 0, 1", "0 1 0 1", "[0, 1, 0, 1]", "right 1 left 0 bottom 1 top 0", "top=0, bottom=1, left=0, right=1"] {
            #expect(pad.judge(text) == .right, "\(text)")
        }
        #expect(pad.judge("1, 0, 1, 0") == .wrong)
        #expect(pad.judge("0, 1, 0") == .unreadable)
        let count = ExpectedAnswer.count(1_234_567)
        for text in ["1234567", "1,234,567", "1 234 567", "1_234_567", "1234567 MACs"] { #expect(count.judge(text) == .right, "\(text)") }
        #expect(count.judge("1.2M") == .unreadable)
        let point = ExpectedAnswer.breakPoint(BreakPoint(layer: "Mixed_6a", cause: .branches))
        for text in ["Mixed_6a: branches", "mixed_6a, the branches disagree", "Mixed_6a concat"] { #expect(point.judge(text) == .right, "\(text)") }
        #expect(point.judge("Mixed_6a: window") == .wrong)
        #expect(point.judge("Mixed_6a") == .unreadable)
        #expect(ExpectedAnswer.breakPoint(nil).judge("it does not break") == .right)
        let port = ExpectedAnswer.porting(SidePadding(top: 0, bottom: 1, left: 0, right: 1))
        #expect(port.judge("0,1,0,1 asymmetric") == .right)
        #expect(port.judge("0,1,0,1 symmetric") == .wrong)
        #expect(port.judge("0,1,0,1") == .unreadable)
        #expect(ExpectedAnswer.yesNo(false).judge("No, it loses row 7") == .right)
        #expect(ExpectedAnswer.sizes([9, 11]).judge("11 9") == .right)
        #expect(ExpectedAnswer.sizes([]).judge("none") == .right)
    }

    @Test func brokenSetFilesAreOneLine() {
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            ("[]", "top level must be a JSON object"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": ["output-size"], "colour": 1}"#, "unknown field 'colour'"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": ["output-sise"]}"#, "unknown kind 'output-sise'"),
            (#"{"name": "x", "title": "t", "count": 0, "kinds": ["output-size"]}"#, "'count' must be a whole number from 1 to 100"),
            (#"{"name": "x", "title": "t", "count": 1e30, "kinds": ["output-size"]}"#, "'count' must be a whole number"),
            (#"{"name": "x", "title": "t", "count": 2.5, "kinds": ["output-size"]}"#, "'count' must be a whole number"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": ["output-size"], "map": [40, 5]}"#, "'map' must be [min, max]"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": ["output-size"], "stride": [1, 9999999999999999999]}"#, "'stride' must be [min, max]"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": []}"#, "'kinds' must be a non-empty list"),
            (#"{"name": "x", "title": "t", "count": 3, "kinds": ["porting"], "layers": ["Mixed_6z"]}"#, "unknown layer 'Mixed_6z'"),
            (#"{"name": "a b", "title": "t", "count": 3, "kinds": ["porting"]}"#, "'name' must be"),
            (#"{"title": "t", "count": 3, "kinds": ["porting"]}"#, "'name' must be a string"),
        ]
        for (json, expected) in cases {
            do {
                _ = try ExerciseSet(json: Array(json.utf8), source: "my.json")
                Issue.record("accepted: \(json)")
            } catch {
                #expect(
                    error.description.hasPrefix("set file 'my.json': ") && error.description.contains(expected) && !error.description.contains("\n"),
                    "\(json): \(error.description)")
            }
        }
    }

    @Test func badStudentIdsAndCountsAreRefused() throws {
        let set = try Self.library.resolve("pixel-loss")
        for student in ["", "a b", "ünï", String(repeating: "x", count: 65), "a\nb"] {
            #expect(throws: CourseworkError.self) { try Worksheet(set: set, student: student, seed: 1) }
        }
        for count in [0, -1, 101, Int.max] {
            #expect(throws: CourseworkError.self) { try Worksheet(set: set, student: "a", seed: 1, count: count) }
        }
    }
}

extension String {
    func replacingOccurrences(_ old: String, _ new: String) -> String {
        components(separatedBy: old).joined(separator: new)
    }
}
