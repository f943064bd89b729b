import NetworkModel

/// One row of the source table, its cells parsed into figures.
public struct SourceRow: Sendable {
    /// 1-based row number in the table (the header not counted).
    public let number: Int
    public let markdown: String
    public let repeatText: String
    public let name: String
    public let branch: String
    /// `(-1,17,17,320)` without the batch: `[17, 17, 320]`.
    public let shape: [Int]?
    public let outputs: Int?
    public let kernel: Size2?
    public let stride: Int?
    public let padding: Padding?
    public let note: String
    /// The layers the row describes: one, or every instance of a repeated block.
    public let layers: [String]

    /// `Mixed_6a Branch_2 concat`: the row as the table labels it.
    public var label: String {
        [name.replacingOccurrences(of: "&darr;&emsp; ", with: ""), branch].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Parses `| repeat | name | branch | shape | outputs | kernel | stride | padding | note |`
    /// (trailing cells may be missing, as in the note).
    init(number: Int, markdown: String, layerTemplate: String, instances: Int) {
        var cells = markdown.split(separator: "|", omittingEmptySubsequences: false)
            .dropFirst().map { $0.trimmingCharacters() }
        if cells.last == "" { cells.removeLast() }
        while cells.count < 9 { cells.append("") }
        self.number = number
        self.markdown = markdown
        repeatText = cells[0]
        name = cells[1]
        branch = cells[2]
        shape = Self.parseShape(cells[3])
        outputs = Int(cells[4])
        kernel = Self.parseKernel(cells[5])
        stride = Int(cells[6])
        padding = Padding(rawValue: cells[7])
        note = cells[8]
        layers =
            layerTemplate.contains("{i}")
            ? (1...instances).map { layerTemplate.replacingOccurrences(of: "{i}", with: String($0)) }
            : [layerTemplate]
    }

    /// `(-1,17,17,320)` -> `[17, 17, 320]`.
    static func parseShape(_ cell: String) -> [Int]? {
        let numbers = cell.trimmingCharacters(in: "()").split(separator: ",").compactMap { Int($0.trimmingCharacters()) }
        guard numbers.first == -1 else { return nil }
        return Array(numbers.dropFirst())
    }

    /// `3` -> 3x3, `[1,7]` -> 1x7.
    static func parseKernel(_ cell: String) -> Size2? {
        if let side = Int(cell) { return Size2(square: side) }
        let numbers = cell.trimmingCharacters(in: "[]").split(separator: ",").compactMap { Int($0.trimmingCharacters()) }
        return numbers.count == 2 ? Size2(numbers[0], numbers[1]) : nil
    }

    /// Every row of the fixture; repeated rows expand to as many instances as the network has.
    public static func all(in network: Network) -> [SourceRow] {
        SourceTableFixture.rows.enumerated().map { index, row in
            let kind = row.layer.split(separator: "_").first.map(String.init) ?? ""
            let instances = network.blocks.filter { $0.kind.rawValue == kind }.count
            return SourceRow(number: index + 1, markdown: row.markdown, layerTemplate: row.layer, instances: instances)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in characters: String = " \t") -> String {
        let set = Set(characters)
        return String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
