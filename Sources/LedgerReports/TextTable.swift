/// Left-aligned columns for plain-text reports (numbers right-aligned).
struct TextTable {
    let header: [String]
    private(set) var rows: [[String]] = []
    /// Columns whose cells are right-aligned.
    let numericColumns: Set<Int>

    init(header: [String], numericColumns: Set<Int> = []) {
        self.header = header
        self.numericColumns = numericColumns
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// Every column side by side, however wide.
    func rendered() -> String { lines(columns: Array(header.indices)).joined(separator: "\n") + "\n" }

    /// At most `width` terminal columns: when the full table is wider, the last column (the
    /// note) goes on its own indented, wrapped line under its row, and the columns of
    /// `dropOrder` are left out, first to last, until a row fits.
    func rendered(fitting width: Int, dropOrder: [Int]) -> String {
        let all = Array(header.indices)
        if (lines(columns: all).map(displayWidth).max() ?? 0) <= width { return rendered() }
        var kept = Array(all.dropLast())
        for column in dropOrder where (lines(columns: kept).map(displayWidth).max() ?? 0) > width {
            kept.removeAll { $0 == column }
        }
        let note = all.last!
        var out: [String] = []
        for (index, line) in lines(columns: kept).enumerated() {
            out.append(line)
            let cell = index == 0 ? "" : rows[index - 1][note]
            if !cell.isEmpty && cell != "-" { out += Self.wrapped(cell, width: width, indent: 4) }
        }
        let dropped = all.dropLast().filter { !kept.contains($0) }.map { header[$0] }
        let tail = dropped.isEmpty ? "" : "; left out: " + dropped.joined(separator: ", ")
        out += Self.wrapped("(fitted to \(width) columns: notes under their rows\(tail); --wide prints every column)", width: width, indent: 0)
        return out.joined(separator: "\n") + "\n"
    }

    /// The rows of `columns` only, padded to their widths.
    private func lines(columns: [Int]) -> [String] {
        let all = [header] + rows
        let widths = Dictionary(uniqueKeysWithValues: columns.map { column in (column, all.map { displayWidth($0[column]) }.max() ?? 0) })
        return all.map { row in
            columns.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column]! - displayWidth(cell))
                if column == columns.last && !numericColumns.contains(column) { return cell }
                return numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
    }

    /// `text` in lines of at most `width` columns, each indented by `indent` spaces.
    static func wrapped(_ text: String, width: Int, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = prefix
        for word in text.split(separator: " ") {
            if current.count > indent && current.count + 1 + word.count > width {
                lines.append(current)
                current = prefix
            }
            current += (current.count > indent ? " " : "") + word
        }
        return lines + [current]
    }

    /// Terminal columns: CJK characters take two.
    private func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xFFDC).contains($1.value))) ? 2 : 1) }
    }
}
