import NetworkModel

/// The note column: what a layer does to the map, generated from its ledger entry,
/// in English or in the source table's Chinese phrasing (补充2行2列像素, 损失1行1列像素).
public enum LayerNote {
    public static func text(for entry: LedgerEntry, in language: Language) -> String {
        switch entry.layer.op {
        case .input:
            return language == .en ? "the image, standardised" : "输入图像（已标准化）"
        case .convolution(let conv) where !conv.batchNorm && conv.bias:
            let (from, to) = (entry.input.channels, conv.filters)
            return language == .en
                ? "up projection \(from) -> \(to) channels (bias, no batch norm, no activation)"
                : "上投影：通道\(from)→\(to)（有偏置，无批归一化，无激活）"
        case .convolution, .maxPool, .averagePool:
            return windowNote(entry, language)
        case .globalAveragePool:
            let map = entry.input.spatial
            return language == .en
                ? "averages the whole \(map) map (kernel \(map), VALID)"
                : "对整个\(map)特征图做平均池化（核\(map)，VALID）"
        case .concat:
            let sum = entry.concatSlices.map { "\($0.branch) \($0.width)" }.joined(separator: " + ")
            return (language == .en ? "concat: " : "拼接：") + "\(sum) = \(entry.output.channels)"
        case .residual(let scale, let activation):
            let formula = "input + \(formatScale(scale)) x up"
            switch (activation, language) {
            case (.relu, .en): return "ReLU(\(formula))"
            case (.none, .en): return "\(formula), no activation"
            case (.relu, .zh): return "ReLU(\(formula))"
            case (.none, .zh): return "\(formula)，最后一个块不激活"
            }
        case .flatten:
            return language == .en ? "\(entry.input) -> \(entry.output)" : "展平 \(entry.input)→\(entry.output)"
        case .dropout(let keep):
            return language == .en
                ? "identity at inference (keep \(keep) in training)"
                : "推理时为恒等映射（训练时保留概率\(keep)）"
        case .fullyConnected(let fc):
            return language == .en
                ? "fully connected \(entry.input.channels) -> \(fc.units), batch norm, no bias, no activation"
                : "全连接\(entry.input.channels)→\(fc.units)，批归一化，无偏置，无激活"
        case .l2Normalize:
            return language == .en ? "L2-normalised: x / sqrt(max(sum x^2, 1e-10))" : "L2归一化：x / sqrt(max(sum x^2, 1e-10))"
        }
    }

    /// `0.17`, `0.1`, `1.0`: Swift prints the shortest decimal that reads back the same.
    static func formatScale(_ scale: Float) -> String { "\(scale)" }

    // MARK: - Windows

    private static func windowNote(_ entry: LedgerEntry, _ language: Language) -> String {
        guard let window = entry.window else { return "" }
        let input = entry.input
        let output = entry.output
        var parts: [String] = []
        if window.isDilated {
            parts.append(
                language == .en
                    ? "dilated by \(window.rateText): the \(window.kernel) window spans \(window.effectiveKernel)"
                    : "空洞率\(window.rateText)：\(window.kernel)的核覆盖\(window.effectiveKernel)")
        }
        let dilationOnly = parts.count
        if !entry.pad.isZero {
            parts.append(padPhrase(entry.pad, language))
        }
        if entry.isLossy {
            parts.append(lossPhrase(entry, language))
        }
        if parts.count == dilationOnly {
            parts.append(cleanPhrase(entry, window, language))
        }
        if case .convolution(let conv) = entry.layer.op, window.kernel == Size2(1, 1), input.spatial == output.spatial, conv.filters != input.channels {
            let verb = conv.filters > input.channels ? "widens" : "narrows"
            parts.append(
                language == .en
                    ? "\(verb) \(input.channels) -> \(conv.filters) channels, map unchanged"
                    : "通道\(input.channels)→\(conv.filters)，尺寸不变")
        }
        return parts.joined(separator: language == .en ? "; " : "，")
    }

    /// `pads 2 rows and 2 columns (1 top, 1 bottom, 1 left, 1 right)` / `补充2行2列像素`.
    static func padPhrase(_ pad: SidePadding, _ language: Language) -> String {
        let sides: String
        switch language {
        case .en:
            let counts = [count(pad.rows, "row"), count(pad.columns, "column")].compactMap { $0 }
            var perSide: [String] = []
            if pad.rows > 0 { perSide += ["\(pad.top) top", "\(pad.bottom) bottom"] }
            if pad.columns > 0 { perSide += ["\(pad.left) left", "\(pad.right) right"] }
            sides =
                "pads " + counts.joined(separator: " and ") + " (" + perSide.joined(separator: ", ") + ")"
                + (pad.rows == 0 ? ", no rows" : pad.columns == 0 ? ", no columns" : "")
            return sides + (pad.isSymmetric ? "" : ": the odd pixel goes to the bottom/right")
        case .zh:
            var text = "补充"
            if pad.rows > 0 { text += "\(pad.rows)行" }
            if pad.columns > 0 { text += "\(pad.columns)列" }
            text += "像素"
            if !pad.isSymmetric {
                text += "（上\(pad.top)下\(pad.bottom)左\(pad.left)右\(pad.right)，多出的1个补在下方/右侧）"
            }
            return text
        }
    }

    /// `loses 1 row and 1 column (row 159, column 159)` / `损失1行1列像素（第159行，第159列）`.
    static func lossPhrase(_ entry: LedgerEntry, _ language: Language) -> String {
        let rows = entry.lostRows
        let columns = entry.lostColumns
        switch language {
        case .en:
            let counts = [count(rows.count, "row"), count(columns.count, "column")].compactMap { $0 }
            let which = [
                rows.isEmpty ? nil : (rows.count == 1 ? "row " : "rows ") + indexList(rows),
                columns.isEmpty ? nil : (columns.count == 1 ? "column " : "columns ") + indexList(columns),
            ].compactMap { $0 }
            return "loses " + counts.joined(separator: " and ") + " (" + which.joined(separator: ", ") + ")"
        case .zh:
            var text = "损失"
            if !rows.isEmpty { text += "\(rows.count)行" }
            if !columns.isEmpty { text += "\(columns.count)列" }
            text += "像素"
            let which = [rows.isEmpty ? nil : "第\(indexList(rows))行", columns.isEmpty ? nil : "第\(indexList(columns))列"].compactMap { $0 }
            return text + "（" + which.joined(separator: "，") + "）"
        }
    }

    /// A window op that neither pads nor loses anything.
    private static func cleanPhrase(_ entry: LedgerEntry, _ window: Window, _ language: Language) -> String {
        let input = entry.input.spatial
        let strided = window.stride.height > 1 || window.stride.width > 1
        switch (window.padding, strided, language) {
        case (.valid, true, .en):
            return "(\(input.height) - \(window.kernel.height)) mod \(window.stride.height) = 0: the windows fit the \(input) map exactly, no pixel lost"
        case (.valid, true, .zh):
            return "此处feature map\(input)，(\(input.height)-\(window.kernel.height))%\(window.stride.height)=0，不损失像素"
        case (.valid, false, .en) where window.kernel != Size2(1, 1):
            return "no padding: \(input) -> \(entry.output.spatial), nothing lost"
        case (.valid, false, .zh) where window.kernel != Size2(1, 1):
            return "不补充像素：\(input)→\(entry.output.spatial)，不损失像素"
        default:
            return language == .en ? "no padding needed" : "无需补充像素"
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String? {
        n == 0 ? nil : "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// `159`, `3, 7, 11`, or `0..4` style for long runs.
    public static func indexList(_ indices: [Int]) -> String {
        if indices.count > 4 {
            return "\(indices[0]), \(indices[1]), ..., \(indices[indices.count - 1])"
        }
        return indices.map(String.init).joined(separator: ", ")
    }
}
