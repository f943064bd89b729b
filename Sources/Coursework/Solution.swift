import LedgerReports
import NetworkModel

/// A question's text and its answer, computed from its parameters by the project's own
/// window arithmetic and ledger (never stored by hand).
public struct Solution: Sendable {
    public let prompt: String
    public let expected: ExpectedAnswer
    public let reason: String
    public let worked: [String]

    /// Solves `kind` for `spec`; nil when the parameters do not make a question of that kind
    /// (a VALID window that does not fit, a what-if that breaks before the layer asked about).
    public static func solve(_ kind: ExerciseKind, _ spec: QuestionSpec) -> Solution? {
        switch (kind, spec) {
        case (.outputSize, .window(let window)), (.samePadding, .window(let window)), (.lostIndices, .window(let window)),
            (.lostCount, .window(let window)), (.lossless, .window(let window)):
            return window.geometry.map { solveWindow(kind, window, $0) }
        case (.losslessSizes, .sizeRange(let first, let last, let kernel, let stride, let padding)):
            return solveSizes(first: first, last: last, kernel: kernel, stride: stride, padding: padding)
        case (.stackReceptiveField, .stack(let layers)):
            return solveStack(layers)
        case (.networkShape, .network(let whatIf, let layer?)):
            return solveShape(whatIf, layer)
        case (.networkBreak, .network(let whatIf, nil)):
            return solveBreak(whatIf)
        case (.layerReceptiveField, .network(let whatIf, let layer?)):
            return solveLayerField(whatIf, layer)
        case (.porting, .network(let whatIf, let layer?)):
            return solvePorting(whatIf, layer)
        case (.parameters, .network(let whatIf, let layer?)):
            return solveParameters(whatIf, layer)
        case (.macs, .network(let whatIf, let layer?)):
            return solveMACs(whatIf, layer)
        default:
            return nil
        }
    }

    // MARK: - One window op

    private static func solveWindow(_ kind: ExerciseKind, _ window: WindowSpec, _ geometry: WindowGeometry) -> Solution {
        let setting = "Slide \(window.phrase) over \(article(window.input.height)) \(window.input) map."
        let worked = PadReport.axisLines("rows", geometry.rows) + [""] + PadReport.axisLines("columns", geometry.columns)
        let rows = geometry.rows
        let columns = geometry.columns
        switch kind {
        case .outputSize:
            return Solution(
                prompt: setting + " What is the output size?", expected: .size(geometry.output),
                reason: perAxis(outputFormula(rows), outputFormula(columns)), worked: worked)
        case .samePadding:
            return Solution(
                prompt: setting + " How many zero rows and columns does TensorFlow add on each side?",
                expected: .sides(geometry.pad), reason: perAxis(padFormula(rows), padFormula(columns)), worked: worked)
        case .lostIndices:
            return Solution(
                prompt: setting + " Which rows and which columns does no window read?",
                expected: .lostIndices(rows: geometry.lostRows, columns: geometry.lostColumns),
                reason: perAxis(lostPhrase(rows), lostPhrase(columns)), worked: worked)
        case .lostCount:
            return Solution(
                prompt: setting + " How many rows and how many columns does no window read?",
                expected: .lostCounts(rows: geometry.lostRows.count, columns: geometry.lostColumns.count),
                reason: perAxis(lostPhrase(rows), lostPhrase(columns)), worked: worked)
        default:
            let lossless = geometry.lostRows.isEmpty && geometry.lostColumns.isEmpty
            return Solution(
                prompt: setting + " Is it lossless: does some window read every input pixel?",
                expected: .yesNo(lossless), reason: perAxis(lostPhrase(rows), lostPhrase(columns)), worked: worked)
        }
    }

    private static func solveSizes(first: Int, last: Int, kernel: Int, stride: Int, padding: Padding) -> Solution? {
        guard first >= 1, first <= last else { return nil }
        var lossless: [Int] = []
        var worked: [String] = []
        for size in first...last {
            guard let axis = AxisWindow(inputLength: size, kernel: kernel, stride: stride, padding: padding) else {
                worked.append("\(size): no \(kernel)x\(kernel) VALID window fits")
                continue
            }
            let lost = axis.lostIndices
            if lost.isEmpty { lossless.append(size) }
            worked.append("\(size): out \(axis.outputLength), lost \(lost.isEmpty ? "none" : "\(lost.count) (\(LayerNote.indexList(lost)))")")
        }
        let window = WindowSpec(input: Size2(first, first), kernel: Size2(square: kernel), stride: Size2(square: stride), padding: padding)
        let rule =
            kernel < stride
            ? "the stride \(stride) skips pixels between windows whenever the kernel \(kernel) is smaller"
            : padding == .same ? "SAME pads until the windows cover the map" : "VALID loses nothing exactly when (n - \(kernel)) mod \(stride) = 0"
        return Solution(
            prompt:
                "Slide \(window.phrase) over square maps. Which sizes from \(first)x\(first) to \(last)x\(last) lose nothing (some window reads every pixel)? A size where no window fits does not count.",
            expected: .sizes(lossless), reason: rule, worked: worked)
    }

    /// `floor((17 - 3) / 2) + 1 = 8`.
    static func outputFormula(_ axis: AxisWindow) -> String {
        switch axis.padding {
        case .valid: "floor((\(axis.inputLength) - \(axis.kernel)) / \(axis.stride)) + 1 = \(axis.outputLength)"
        case .same: "ceil(\(axis.inputLength) / \(axis.stride)) = \(axis.outputLength)"
        }
    }

    /// `max((80 - 1) * 2 + 3 - 160, 0) = 1: before 0, after 1`.
    static func padFormula(_ axis: AxisWindow) -> String {
        guard axis.padding == .same else { return "VALID never pads" }
        return
            "max((\(axis.outputLength) - 1) * \(axis.stride) + \(axis.kernel) - \(axis.inputLength), 0) = \(axis.padTotal): before \(axis.padBefore), after \(axis.padAfter)"
    }

    /// `1 lost (7): (8 - 3) mod 2 = 1 at the end`, or `none lost`.
    static func lostPhrase(_ axis: AxisWindow) -> String {
        let lost = axis.lostIndices
        guard !lost.isEmpty else { return "none lost" }
        let why =
            axis.kernel < axis.stride
            ? "the stride \(axis.stride) skips \(axis.stride - axis.kernel) of every \(axis.stride) pixels"
            : "(\(axis.inputLength) - \(axis.kernel)) mod \(axis.stride) = \((axis.inputLength - axis.kernel) % axis.stride) left at the end"
        return "\(lost.count) lost (\(LayerNote.indexList(lost))): \(why)"
    }

    /// One phrase when both axes agree, else one per axis.
    static func perAxis(_ rows: String, _ columns: String) -> String {
        rows == columns ? "each axis: \(rows)" : "rows: \(rows); columns: \(columns)"
    }
}
