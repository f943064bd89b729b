/// Splits a lesson's command line into words: blanks separate words, '...' and "..." quote
/// (no escapes inside); shell syntax (pipes, redirections, variables, globs) is refused, so a
/// lesson's command means the same thing here as in a shell.
enum CommandWords {
    /// The words and, when the line ends in a heredoc (`<<'EOF'`, `<<EOF`, `<< "EOF"`), its delimiter.
    static func split(_ line: String) throws -> (words: [String], heredoc: String?) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var heredoc: String? = nil
        var rest = Substring(line)
        while let character = rest.first {
            if let open = quote {
                rest = rest.dropFirst()
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == " " || character == "\t" {
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
                rest = rest.dropFirst()
                continue
            }
            if character == "<", rest.hasPrefix("<<"), !inWord {
                let delimiter = rest.dropFirst(2).trimmingBlanks()
                let bare = delimiter.trimmingQuotes()
                guard !bare.isEmpty, bare.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw LessonError("a heredoc needs a plain delimiter, as in <<'EOF'")
                }
                heredoc = bare
                break
            }
            if "|;&<>$`*?(){}\\".contains(character) {
                throw LessonError("shell syntax '\(character)' is not supported in a lesson's command; quote it")
            }
            if character == "'" || character == "\"" {
                quote = character
                inWord = true
                rest = rest.dropFirst()
                continue
            }
            current.append(character)
            inWord = true
            rest = rest.dropFirst()
        }
        if quote != nil { throw LessonError("unterminated quote in the command") }
        if inWord { words.append(current) }
        return (words, heredoc)
    }
}

private extension Substring {
    func trimmingBlanks() -> Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }

    func trimmingQuotes() -> String {
        if count >= 2, let first, first == last, first == "'" || first == "\"" { return String(dropFirst().dropLast()) }
        return String(self)
    }
}
