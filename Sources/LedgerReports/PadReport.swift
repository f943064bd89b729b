import JSONText
import NetworkModel

/// `explore pad`: the arithmetic of one window op, step by step, with a picture of the
/// padded and lost rows and columns when the map is small enough to draw.
public enum PadReport {
    /// Largest side drawn as a grid.
    public static let largestDrawnSide = 24

    public static func text(_ geometry: WindowGeometry) -> String {
        var lines: [String] = []
        lines += axisLines("rows", geometry.rows)
        lines.append("")
        lines += axisLines("columns", geometry.columns)
        lines.append("")
        lines.append(
            "output: \(geometry.output)   pad (top, bottom, left, right): \(geometry.pad.array.map(String.init).joined(separator: ", "))   lost (rows, columns): \(geometry.lostRows.count), \(geometry.lostColumns.count)"
        )
        if geometry.rows.inputLength <= largestDrawnSide && geometry.columns.inputLength <= largestDrawnSide {
            lines.append("")
            lines += picture(geometry)
        } else {
            lines.append("(maps up to \(largestDrawnSide)x\(largestDrawnSide) are drawn)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ geometry: WindowGeometry) -> JSONValue {
        .object([
            ("output", .ints([geometry.output.height, geometry.output.width])),
            ("pad", .ints(geometry.pad.array)),
            ("lost", .ints([geometry.lostRows.count, geometry.lostColumns.count])),
        ])
    }

    /// The formulas of one axis with its numbers filled in.
    public static func axisLines(_ title: String, _ axis: AxisWindow) -> [String] {
        let (n, k, s) = (axis.inputLength, axis.kernel, axis.stride)
        var lines = ["\(title): in \(n), kernel \(k), stride \(s), \(axis.padding.rawValue)"]
        switch axis.padding {
        case .valid:
            lines.append("  out  = floor((\(n) - \(k)) / \(s)) + 1 = \(axis.outputLength)")
            lines.append("  pad  = 0 (VALID never pads)")
        case .same:
            lines.append("  out  = ceil(\(n) / \(s)) = \(axis.outputLength)")
            let raw = (axis.outputLength - 1) * s + k - n
            lines.append(
                "  pad  = max((\(axis.outputLength) - 1) * \(s) + \(k) - \(n), 0) = \(max(raw, 0)): before \(axis.padBefore), after \(axis.padAfter)"
                    + (axis.padBefore == axis.padAfter ? "" : " (the odd pixel goes after)"))
        }
        let lost = axis.lostIndices
        let reach = (axis.outputLength - 1) * s + k - 1 - axis.padBefore
        lines.append("  last window ends at index \(reach)" + (reach >= n ? " (in the padding)" : ""))
        if lost.isEmpty {
            lines.append("  lost: none")
        } else {
            let why = k < s ? "the stride \(s) skips over \(s - k) of every \(s) pixels" : "(\(n) - \(k)) mod \(s) = \((n - k) % s) at the end"
            lines.append("  lost: \(lost.count) (\(LayerNote.indexList(lost))): \(why)")
        }
        return lines
    }

    /// A grid of the padded input: `p` padding, `.` a pixel some window reads, `x` a lost pixel.
    static func picture(_ geometry: WindowGeometry) -> [String] {
        let pad = geometry.pad
        let height = geometry.rows.inputLength
        let width = geometry.columns.inputLength
        var lines = ["p = padding, . = read by a window, x = lost (no window reaches it)"]
        for row in -pad.top..<(height + pad.bottom) {
            var cells: [String] = []
            for column in -pad.left..<(width + pad.right) {
                let inside = (0..<height).contains(row) && (0..<width).contains(column)
                if !inside {
                    cells.append("p")
                    continue
                }
                cells.append(geometry.rows.covers(row) && geometry.columns.covers(column) ? "." : "x")
            }
            lines.append("  " + cells.joined(separator: " "))
        }
        return lines
    }
}
