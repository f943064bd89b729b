import ArgumentParser
import Coursework
import JSONText

/// `explore exercise grade`: recomputes every answer from the sheet's header and judges the student's.
struct ExerciseGradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade filled-in sheets: right, wrong (with the expected answer and why) or unreadable, per question.",
        discussion: "The sheets are only read, never changed. Exit status 1 when some sheet cannot be graded at all."
    )

    @Argument(help: ArgumentHelp("Filled-in sheets.", valueName: "SHEET"))
    var sheets: [String]

    @Option(help: ArgumentHelp("The set file the sheets were made from, when it is not a built-in set.", valueName: "FILE.json"))
    var set: String?

    @Option(help: ArgumentHelp("The student the submission belongs to: refuse a sheet made for someone else.", valueName: "ID"))
    var student: String?

    @Flag(help: "Print the grades as JSON (an object for one sheet, an array for several).")
    var json = false

    @Option(help: ArgumentHelp("Also write Gradescope's autograder results.json here (one sheet only).", valueName: "FILE"))
    var gradescope: String?

    @Flag(help: "Replace an existing --gradescope file.")
    var force = false

    func validate() throws {
        guard !sheets.isEmpty else { throw ValidationError("give at least one sheet to grade") }
        if gradescope != nil && sheets.count != 1 { throw ValidationError("--gradescope writes one submission's results: give exactly one sheet") }
        if let gradescope, sheets.contains(where: { TextFile.same($0, gradescope) }) {
            throw ValidationError("--gradescope '\(gradescope)' is the sheet itself: grading never overwrites a sheet")
        }
    }

    func run() throws {
        let library = SetLibrary.standard()
        var given: ExerciseSet? = nil
        if let set {
            given = try library.resolve(set)
        }
        var reports: [GradeReport] = []
        var failures: [String] = []
        for path in sheets {
            do {
                let bytes = try TextFile.read(path, what: "sheet")
                let report = try Grader.grade(text: String(decoding: bytes, as: UTF8.self), source: path, library: library, set: given, student: student)
                reports.append(report)
                if !json { print(report.text(), terminator: "") }
            } catch {
                failures.append(error.description)
                if sheets.count > 1 { writeStandardError("explore: \(error.description)\n") }
            }
        }
        if json && !reports.isEmpty {
            print(reports.count == 1 && sheets.count == 1 ? reports[0].json().serialized() : JSONValue.array(reports.map { $0.json() }).serialized())
        }
        if let gradescope, let report = reports.first {
            try TextFile.write(report.gradescope().serialized(pretty: true) + "\n", to: gradescope, overwrite: force)
        }
        if sheets.count == 1, let failure = failures.first { throw ExploreError(failure) }
        if !failures.isEmpty { throw ExploreError("\(failures.count) of \(sheets.count) sheets could not be graded (see above)") }
    }
}
