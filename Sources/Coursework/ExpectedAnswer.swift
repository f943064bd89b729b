import NetworkModel

/// The right answer to one question, as a value: how it is written and how a student's text is judged.
public enum ExpectedAnswer: Sendable, Hashable {
    case size(Size2)
    case shape([Int])
    case sides(SidePadding)
    case lostIndices(rows: [Int], columns: [Int])
    case lostCounts(rows: Int, columns: Int)
    case yesNo(Bool)
    case sizes([Int])
    case count(Int)
    /// The first failing layer and why; nil when the network does not break.
    case breakPoint(BreakPoint?)
    case porting(SidePadding)

    /// How the key writes it (and the grader accepts it).
    public var text: String {
        switch self {
        case .size(let size): "\(size.height)x\(size.width)"
        case .shape(let dims): dims.map(String.init).joined(separator: "x")
        case .sides(let pad): Self.sidesText(pad)
        case .lostIndices(let rows, let columns): "rows: \(Self.listText(rows)); columns: \(Self.listText(columns))"
        case .lostCounts(let rows, let columns): "rows: \(rows); columns: \(columns)"
        case .yesNo(let value): value ? "yes" : "no"
        case .sizes(let sizes): Self.listText(sizes)
        case .count(let value): String(value)
        case .breakPoint(let point): point.map { "\($0.layer): \($0.cause.rawValue)" } ?? "none"
        case .porting(let pad): Self.sidesText(pad) + "; " + (pad.isSymmetric ? "symmetric" : "asymmetric")
        }
    }

    /// The answer syntax, as the sheet explains it under each question.
    public var format: String {
        switch self {
        case .size: "`HxW`, e.g. `8x8` (one number means a square)"
        case .shape(let dims): dims.count == 3 ? "`HxWxC`, e.g. `17x17x320`" : "the vector's length"
        case .sides: "`top, bottom, left, right`, e.g. `0, 1, 0, 1`"
        case .lostIndices: "`rows: 7, 15; columns: none` (0-based indices, any order)"
        case .lostCounts: "`rows: 1; columns: 0`"
        case .yesNo: "`yes` (nothing lost) or `no`"
        case .sizes: "the sizes in any order, e.g. `9, 11, 13`, or `none`"
        case .count: "a whole number; `1,234,567` and `1 234 567` are fine"
        case .breakPoint: "`LAYER: CAUSE` with CAUSE one of `window`, `branches`, `residual`, or `none` if it does not break"
        case .porting: "`top, bottom, left, right; symmetric` or `...; asymmetric`"
        }
    }

    static func sidesText(_ pad: SidePadding) -> String { pad.array.map(String.init).joined(separator: ", ") }
    static func listText(_ values: [Int]) -> String { values.isEmpty ? "none" : values.map(String.init).joined(separator: ", ") }
}
