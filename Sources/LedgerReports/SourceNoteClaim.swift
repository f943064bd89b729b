/// What a note of the source table asserts, read from its Chinese phrasing.
enum SourceNoteClaim: Equatable {
    /// `补充2行2列像素`, `补充6列像素`: total padding over both sides.
    case pads(rows: Int, columns: Int)
    /// `损失1行1列像素`.
    case loses(rows: Int, columns: Int)
    /// `此处feature map17x17是奇数，不损失像素`: nothing lost, because the map is odd.
    case losesNothingBecauseOdd
    /// `上采样`.
    case upsamples
    /// `no activate at last` (in the repeat column).
    case lastHasNoActivation

    static func claims(note: String, repeatText: String) -> [SourceNoteClaim] {
        var claims: [SourceNoteClaim] = []
        if let counts = counts(after: "补充", in: note) { claims.append(.pads(rows: counts.rows, columns: counts.columns)) }
        if note.contains("不损失") {
            claims.append(.losesNothingBecauseOdd)
        } else if let counts = counts(after: "损失", in: note) {
            claims.append(.loses(rows: counts.rows, columns: counts.columns))
        }
        if note.contains("上采样") { claims.append(.upsamples) }
        if repeatText.contains("no activate at last") { claims.append(.lastHasNoActivation) }
        return claims
    }

    /// `补充2行2列像素` -> (2, 2); `补充6列像素` -> (0, 6); `补充6行像素` -> (6, 0).
    private static func counts(after verb: String, in note: String) -> (rows: Int, columns: Int)? {
        guard let start = note.range(of: verb)?.upperBound else { return nil }
        var rows = 0
        var columns = 0
        var digits = ""
        for character in note[start...] {
            if character.isNumber {
                digits.append(character)
                continue
            }
            if character == "行" { rows = Int(digits) ?? 0 } else if character == "列" { columns = Int(digits) ?? 0 } else { break }
            digits = ""
        }
        return rows == 0 && columns == 0 ? nil : (rows, columns)
    }
}
