import ArgumentParser
import Coursework

/// `explore exercise`: per-student SAME/VALID worksheets, their keys, and grading.
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Coursework: per-student padding worksheets, answer keys and automatic grading.",
        discussion: "Example: explore exercise new --set padding-basics --student alice --out alice.md",
        subcommands: [ExerciseNewCommand.self, ExerciseKeyCommand.self, ExerciseGradeCommand.self, ExerciseSetsCommand.self]
    )
}

/// What makes one sheet: the set, the student, the seed and the length.
struct SheetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A built-in set (see 'explore exercise sets') or a set file.", valueName: "NAME|FILE.json"))
    var set: String

    @Option(help: ArgumentHelp("The student's id (letters, digits, - _ . @ +).", valueName: "ID"))
    var student: String

    @Option(help: "The course's seed: change it to give every student new questions.")
    var seed: UInt64 = 1

    @Option(help: "Number of questions (default: the set's count).")
    var count: Int?

    @Option(help: ArgumentHelp("Write the sheet to this file instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Replace an existing --out file.")
    var force = false

    /// Makes the sheet and prints or writes it.
    func emit(key: Bool) throws {
        let sheet = try Worksheet(set: SetLibrary.standard().resolve(set), student: student, seed: seed, count: count)
        let text = sheet.markdown(key: key)
        if let out { try TextFile.write(text, to: out, overwrite: force) } else { print(text, terminator: "") }
    }
}

/// `explore exercise new` and `key`: the same sheet, blank or with its answers worked out.
protocol SheetCommand: ParsableCommand {
    /// Whether the sheet is printed with every answer filled in.
    static var answered: Bool { get }
    var sheet: SheetOptions { get }
}

extension SheetCommand {
    func run() throws { try sheet.emit(key: Self.answered) }
}

/// `explore exercise new`: a student's worksheet.
struct ExerciseNewCommand: SheetCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a student's worksheet (Markdown): the same set, student and seed always give the same sheet.")
    static let answered = false
    @OptionGroup var sheet: SheetOptions
}

/// `explore exercise key`: the same sheet with every answer filled in and worked out.
struct ExerciseKeyCommand: SheetCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Write the answer key of a student's sheet (a filled-in sheet with the arithmetic worked out).")
    static let answered = true
    @OptionGroup var sheet: SheetOptions
}

/// `explore exercise sets`: the built-in sets.
struct ExerciseSetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sets", abstract: "List the built-in exercise sets (name, count, kinds).")

    func run() throws {
        print(try SetLibrary.standard().listing(), terminator: "")
    }
}
