/// The B operand: packed beforehand, or plain rows packed panel by panel as they are used.
enum BOperand: @unchecked Sendable {
    case packed(PackedMatrix)
    case rows(UnsafeSendable, ldb: Int, k: Int, n: Int)

    var k: Int {
        switch self {
        case .packed(let matrix): matrix.k
        case .rows(_, _, let k, _): k
        }
    }

    var n: Int {
        switch self {
        case .packed(let matrix): matrix.n
        case .rows(_, _, _, let n): n
        }
    }

    var panelCount: Int { (n + Blocking.nr - 1) / Blocking.nr }
}
