import Foundation
import NetworkModel

/// How ledger figures are spelt in every report (the REPL spells counts the same way).
public enum LedgerFormat {
    /// `3x3`, or `1x7 r2` for a window dilated by 2 (a dilation that moves no tap is not shown).
    static func kernel(_ entry: LedgerEntry) -> String {
        entry.window.map { $0.isDilated ? "\($0.kernel) r\($0.rateText)" : "\($0.kernel)" } ?? "-"
    }

    static func stride(_ entry: LedgerEntry) -> String {
        guard let stride = entry.window?.stride else { return "-" }
        return stride.isSquare ? "\(stride.height)" : "\(stride)"
    }

    static func padding(_ entry: LedgerEntry) -> String { entry.window?.padding.rawValue ?? "-" }

    /// `1,1,1,1` (top, bottom, left, right), `-` for ops without a window.
    static func sides(_ entry: LedgerEntry) -> String {
        entry.window == nil ? "-" : entry.pad.array.map(String.init).joined(separator: ",")
    }

    /// Lost rows and columns as counts: `1,1`.
    static func lost(_ entry: LedgerEntry) -> String {
        entry.window == nil ? "-" : "\(entry.lostRows.count),\(entry.lostColumns.count)"
    }

    static func op(_ entry: LedgerEntry) -> String {
        switch entry.layer.op {
        case .convolution(let conv) where conv.bias && !conv.batchNorm: "conv+bias"
        case .convolution: "conv+bn+relu"
        case .residual(_, .relu): "residual+relu"
        case .residual: "residual"
        case .fullyConnected: "fc+bn"
        default: entry.layer.op.kind
        }
    }

    static func filters(_ entry: LedgerEntry) -> String {
        switch entry.layer.op {
        case .convolution(let conv): "\(conv.filters)"
        case .fullyConnected(let fc): "\(fc.units)"
        default: "-"
        }
    }

    /// `54,336,736`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `2.878 G`, `118.4 M`, `1.2 k`.
    public static func metric(_ value: Int) -> String {
        let v = Double(value)
        switch v {
        case 1e9...: return String(format: "%.3f G", v / 1e9)
        case 1e6...: return String(format: "%.1f M", v / 1e6)
        case 1e3...: return String(format: "%.1f k", v / 1e3)
        default: return "\(value)"
        }
    }
}
