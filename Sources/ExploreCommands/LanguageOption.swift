import ArgumentParser
import LedgerReports

/// `--lang`: the language of the ledger's notes, for `table` and `step`.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the notes: en, or zh in the source table's phrasing.")
    var lang: Language = .en
}

extension Language: ExpressibleByArgument {}
