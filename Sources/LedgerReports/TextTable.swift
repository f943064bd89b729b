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

    func rendered() -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { displayWidth($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - displayWidth(cell))
                if column == row.count - 1 && !numericColumns.contains(column) { return cell }
                return numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Terminal columns: CJK characters take two.
    private func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && ($1.value <= 0x115F || (0x2E80...0xFFDC).contains($1.value))) ? 2 : 1) }
    }
}
