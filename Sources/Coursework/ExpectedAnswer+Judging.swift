import NetworkModel

extension ExpectedAnswer {
    /// Judges a student's answer: forgiving about case, spacing, separators and the order of
    /// lists, strict about the numbers. Empty text is `missing`.
    public func judge(_ raw: String) -> Verdict {
        let text = AnswerText.clean(raw)
        if text.isEmpty { return .missing }
        guard let given = read(text) else { return .unreadable }
        return given.matches(self) ? .right : .wrong
    }

    /// The student's text as a value of the same form, or nil when it does not have that form.
    func read(_ text: String) -> ExpectedAnswer? {
        switch self {
        case .size:
            guard let numbers = AnswerText.numbers(text), (1...2).contains(numbers.count) else { return nil }
            return .size(Size2(numbers[0], numbers[numbers.count - 1]))
        case .shape(let dims):
            guard let numbers = AnswerText.numbers(text), numbers.count == dims.count else { return nil }
            return .shape(numbers)
        case .sides:
            return AnswerText.sides(text).map(ExpectedAnswer.sides)
        case .porting:
            let symmetric: Bool
            var rest = text
            if let range = rest.range(of: "asymmetric") {
                symmetric = false
                rest.removeSubrange(range)
            } else if let range = rest.range(of: "symmetric") {
                symmetric = true
                rest.removeSubrange(range)
            } else {
                return nil
            }
            guard let pad = AnswerText.sides(rest) else { return nil }
            // The word is part of the answer: a wrong word with the right numbers is wrong.
            return pad.isSymmetric == symmetric ? .porting(pad) : .porting(SidePadding(top: -1, bottom: -1, left: -1, right: -1))
        case .lostIndices:
            guard let lists = AnswerText.rowsAndColumns(text), let rows = lists.rows, let columns = lists.columns else { return nil }
            return .lostIndices(rows: Array(Set(rows)).sorted(), columns: Array(Set(columns)).sorted())
        case .lostCounts:
            if let lists = AnswerText.rowsAndColumns(text), let rows = lists.rows, let columns = lists.columns {
                guard rows.count <= 1, columns.count <= 1 else { return nil }
                return .lostCounts(rows: rows.first ?? 0, columns: columns.first ?? 0)
            }
            guard let numbers = AnswerText.numbers(text), numbers.count == 2 else { return nil }
            return .lostCounts(rows: numbers[0], columns: numbers[1])
        case .yesNo:
            let word = text.split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
            if ["yes", "y", "true", "lossless"].contains(word) { return .yesNo(true) }
            if ["no", "n", "false", "lossy"].contains(word) { return .yesNo(false) }
            return nil
        case .sizes:
            if AnswerText.nothingWords.contains(text) { return .sizes([]) }
            guard let numbers = AnswerText.numbers(text) else { return nil }
            return .sizes(Array(Set(numbers)).sorted())
        case .count:
            return AnswerText.wholeNumber(text).map(ExpectedAnswer.count)
        case .breakPoint:
            if AnswerText.nothingWords.contains(text) || text.hasPrefix("does not break") || text.hasPrefix("it does not break") {
                return .breakPoint(nil)
            }
            let parts = text.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == "," || $0 == ";" || $0 == " " })
            guard parts.count == 2, let cause = BreakCause(words: String(parts[1])) else { return nil }
            return .breakPoint(BreakPoint(layer: String(parts[0]), cause: cause))
        }
    }

    /// Equality as the grader sees it: layer names ignore case.
    func matches(_ other: ExpectedAnswer) -> Bool {
        switch (self, other) {
        case (.breakPoint(let a?), .breakPoint(let b?)):
            return a.layer.lowercased() == b.layer.lowercased() && a.cause == b.cause
        case (.breakPoint(nil), .breakPoint(nil)):
            return true
        case (.breakPoint, .breakPoint):
            return false
        default:
            return text == other.text
        }
    }
}

/// The forgiving parts of reading an answer.
enum AnswerText {
    static let nothingWords: Set<String> = ["none", "no", "-", "nothing", "empty", "0 sizes", "no sizes"]

    /// Lowercased, trimmed, with Markdown emphasis, quotes, `×` and a final full stop removed.
    static func clean(_ raw: String) -> String {
        var text = raw.lowercased().replacingCharacters(["×": "x", "`": " ", "*": " ", "\"": " ", "'": " "])
        text = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        if text.hasSuffix(".") { text.removeLast() }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every piece between separators (space, comma, semicolon, `x`, `*`, `/`, brackets) as an integer;
    /// nil when some piece is not one.
    static func numbers(_ text: String) -> [Int]? {
        let pieces = text.split(whereSeparator: { " ,;x/()[]{}".contains($0) })
        guard !pieces.isEmpty else { return nil }
        var values: [Int] = []
        for piece in pieces {
            guard let value = Int(piece) else { return nil }
            values.append(value)
        }
        return values
    }

    /// `1,234,567`, `1 234 567`, `1_234_567` or `1234567`, optionally followed by a unit word.
    static func wholeNumber(_ text: String) -> Int? {
        var digits = text
        for unit in ["multiply-adds", "multiply adds", "parameters", "params", "macs", "mac"] where digits.hasSuffix(unit) {
            digits.removeLast(unit.count)
            break
        }
        digits.removeAll { ", _".contains($0) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return Int(digits)
    }

    /// `0, 1, 0, 1` in TensorFlow's order, or `top 0 bottom 1 left 0 right 1` in any order.
    static func sides(_ text: String) -> SidePadding? {
        let tokens = text.split(whereSeparator: { " ,;:=()[]".contains($0) }).map(String.init)
        let keys: [String: Int] = ["top": 0, "t": 0, "bottom": 1, "b": 1, "left": 2, "l": 2, "right": 3, "r": 3]
        if tokens.contains(where: { keys[$0] != nil }) {
            guard tokens.count == 8 else { return nil }
            var values: [Int?] = [nil, nil, nil, nil]
            for pair in stride(from: 0, to: 8, by: 2) {
                guard let side = keys[tokens[pair]], values[side] == nil, let value = Int(tokens[pair + 1]) else { return nil }
                values[side] = value
            }
            let all = values.compactMap { $0 }
            return SidePadding(top: all[0], bottom: all[1], left: all[2], right: all[3])
        }
        guard tokens.count == 4 else { return nil }
        let values = tokens.compactMap { Int($0) }
        guard values.count == 4 else { return nil }
        return SidePadding(top: values[0], bottom: values[1], left: values[2], right: values[3])
    }

    /// `rows: 7, 15; columns: none`, in either order; nil for a list that names neither.
    static func rowsAndColumns(_ text: String) -> (rows: [Int]?, columns: [Int]?)? {
        let rowWords: Set<String> = ["rows", "row", "r", "h", "height"]
        let columnWords: Set<String> = ["columns", "column", "cols", "col", "c", "w", "width"]
        var current: WritableKeyPath<(rows: [Int]?, columns: [Int]?), [Int]?>? = nil
        var lists: (rows: [Int]?, columns: [Int]?) = (nil, nil)
        for token in text.split(whereSeparator: { " ,;:=()[]".contains($0) }).map(String.init) {
            if rowWords.contains(token) {
                current = \.rows
                lists.rows = lists.rows ?? []
            } else if columnWords.contains(token) {
                current = \.columns
                lists.columns = lists.columns ?? []
            } else if nothingWords.contains(token) {
                guard current != nil else { return nil }
            } else if let value = Int(token), let key = current {
                lists[keyPath: key]!.append(value)
            } else {
                return nil
            }
        }
        guard lists.rows != nil || lists.columns != nil else { return nil }
        return lists
    }
}

extension String {
    /// Replaces each character that is a key of `map` by its value.
    func replacingCharacters(_ map: [Character: String]) -> String {
        var out = ""
        for character in self {
            if let replacement = map[character] { out += replacement } else { out.append(character) }
        }
        return out
    }
}
