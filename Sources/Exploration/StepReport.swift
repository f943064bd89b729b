import LedgerReports
import NetworkModel
import Tensors

/// The text of one executed op, one block summary, and the line that closes a block
/// (concat ledger or residual): shared by the REPL and `explore step`.
public struct StepReport: Sendable {
    public let style: Style
    public let language: Language

    public init(style: Style, language: Language) {
        self.style = style
        self.language = language
    }

    // MARK: - Describing an op

    /// `conv 3x3 /2 VALID, 384 filters, batch norm, ReLU`; `conv 1x7 /1 rate 2 SAME, ...` dilated.
    public static func opDescription(_ entry: LedgerEntry) -> String {
        func activation(_ a: Activation) -> String { a == .relu ? "ReLU" : "no activation" }
        func window(_ w: Window) -> String {
            let stride = w.stride.isSquare ? "\(w.stride.height)" : "\(w.stride)"
            return "\(w.kernel) /\(stride)" + (w.isDilated ? " rate \(w.rateText)" : "") + " \(w.padding.rawValue)"
        }
        switch entry.layer.op {
        case .input(let channels):
            return "input image, \(channels) channels"
        case .convolution(let conv):
            let extras = (conv.bias ? ["bias"] : []) + (conv.batchNorm ? ["batch norm"] : []) + [activation(conv.activation)]
            return "conv \(window(entry.window ?? conv.window)), \(conv.filters) filters, " + extras.joined(separator: ", ")
        case .maxPool(let w):
            return "max pool \(window(w))"
        case .averagePool(let w):
            return "average pool \(window(w))" + (w.padding == .same ? ", padding left out of the divisor" : "")
        case .globalAveragePool:
            return "average pool over the whole map" + (entry.window.map { " (\(window($0)))" } ?? "")
        case .concat:
            return "concat of \(entry.layer.inputs.count) inputs along channels"
        case .residual(let scale, let act):
            let formula = "input + \(scale) x up"
            return act == .relu ? "residual: ReLU(\(formula))" : "residual: \(formula), no activation"
        case .flatten:
            return "flatten"
        case .dropout(let keep):
            return "dropout (identity at inference; keep \(keep) in training)"
        case .fullyConnected(let fc):
            let extras = (fc.bias ? ["bias"] : []) + (fc.batchNorm ? ["batch norm"] : []) + [activation(fc.activation)]
            return "fully connected -> \(fc.units), " + extras.joined(separator: ", ")
        case .l2Normalize:
            return "L2 normalise: x / sqrt(max(sum x^2, 1e-10))"
        }
    }

    /// Padding per side and the rows/columns no window reaches; nil for ops without a window.
    public static func geometry(_ entry: LedgerEntry) -> String? {
        guard entry.window != nil else { return nil }
        var parts: [String] = []
        let pad = entry.pad
        parts.append(pad.isZero ? "no padding" : "pad top \(pad.top), bottom \(pad.bottom), left \(pad.left), right \(pad.right)")
        if entry.isLossy {
            var lost: [String] = []
            if !entry.lostRows.isEmpty { lost.append((entry.lostRows.count == 1 ? "row " : "rows ") + indexList(entry.lostRows)) }
            if !entry.lostColumns.isEmpty { lost.append((entry.lostColumns.count == 1 ? "column " : "columns ") + indexList(entry.lostColumns)) }
            parts.append("lost " + lost.joined(separator: " and "))
        } else {
            parts.append("no pixel lost")
        }
        return parts.joined(separator: ", ")
    }

    static func indexList(_ indices: [Int]) -> String {
        indices.count <= 4
            ? indices.map(String.init).joined(separator: ",")
            : indices.prefix(3).map(String.init).joined(separator: ",") + ",...,\(indices.last!)"
    }

    /// `17x17x320`, or for a concat `8x8x(384+384+320)`.
    public static func inputShapes(_ entry: LedgerEntry) -> String {
        guard entry.inputShapes.count > 1 else { return entry.input.description }
        let spatial = Set(entry.inputShapes.map(\.spatial))
        if spatial.count == 1, entry.inputShapes.allSatisfy(\.isMap), case .concat = entry.layer.op {
            let s = entry.inputShapes[0].spatial
            return "\(s)x(" + entry.inputShapes.map { "\($0.channels)" }.joined(separator: "+") + ")"
        }
        return entry.inputShapes.map(\.description).joined(separator: " & ")
    }

    // MARK: - Lines

    /// The lines of one executed (or replayed) op. `position` is 1-based within `total`.
    public func opLines(
        _ entry: LedgerEntry, position: Int? = nil, total: Int? = nil,
        output: Tensor? = nil, seconds: Double? = nil, golden: String? = nil
    ) -> [String] {
        let counter = position.map { p in total.map { "[\(p)/\($0)] " } ?? "[\(p)] " } ?? ""
        var lines = [counter + style.layer(entry.name)]
        let indent = "      "
        lines.append(indent + Self.opDescription(entry) + "   " + style.figure(Self.inputShapes(entry) + " -> " + entry.output.description))
        var facts: [String] = []
        if let geometry = Self.geometry(entry) { facts.append(geometry) }
        facts.append("receptive field \(entry.receptiveField)")
        lines.append(indent + facts.joined(separator: "; "))
        let note = LayerNote.text(for: entry, in: language)
        if !note.isEmpty { lines.append(indent + style.dim((language == .zh ? "注: " : "note: ") + note)) }
        if let output {
            let time = seconds.map { NumberFormat.milliseconds($0) + "   " } ?? ""
            lines.append(indent + time + NumberFormat.statistics(output.statistics))
        }
        if let golden { lines.append(indent + "golden: " + golden) }
        return lines
    }

    /// One line for a block (or a stem/head layer) run as a whole.
    public func blockLine(name: String, entries: [LedgerEntry], output: Tensor?, seconds: Double) -> String {
        guard let first = entries.first, let last = entries.last else { return name }
        let ops = entries.count == 1 ? "1 op " : "\(entries.count) ops"
        let shapes = Self.inputShapes(first) + " -> " + last.output.description
        let stats =
            output.map {
                "   mean \(NumberFormat.value($0.statistics.mean)) std \(NumberFormat.value($0.statistics.standardDeviation)) zeros \(NumberFormat.percent($0.statistics.zeroFraction))"
            } ?? ""
        return "  " + style.layer(pad(name, 22)) + " " + pad(ops, 7) + " " + style.figure(pad(shapes, 26)) + " "
            + pad(NumberFormat.milliseconds(seconds), 11, left: true) + stats
    }

    /// The concat ledger of `block` (Mixed_6a: `Branch_0 384 + Branch_1 384 + Branch_2 320 = 1088 at 8x8`)
    /// and, for a residual block, the residual line.
    /// `detailed` adds the channel range each branch fills.
    public func closingLines(for block: Block, ledger: Ledger, detailed: Bool = true) -> [String] {
        var lines: [String] = []
        let concatName = block.residual == nil ? block.name : "\(block.name)/concat"
        if let concat = ledger[concatName] {
            let sum = concat.concatSlices.map { "\($0.branch) \($0.width)" }.joined(separator: " + ")
            lines.append("concat ledger: " + style.figure("\(sum) = \(concat.output.channels) at \(concat.output.spatial)"))
            for slice in concat.concatSlices where detailed {
                lines.append("  channels \(NumberFormat.span(slice.channels.lowerBound, slice.channels.upperBound))  from \(slice.source)")
            }
        }
        if let residual = block.residual, let output = ledger[block.name] {
            let input = output.layer.inputs[0]
            let up = output.layer.inputs[1]
            let formula = "\(input) + \(residual.scale) x \(up)"
            let activation = residual.activation == .relu ? "ReLU(\(formula))" : "\(formula)  (no activation: the final block)"
            lines.append("residual: " + style.figure("\(block.name) = \(activation)") + ", scale \(residual.scale), \(output.output)")
        }
        return lines
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }
}
