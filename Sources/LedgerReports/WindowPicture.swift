import Foundation
import NetworkModel

/// The input grid of one window op as a picture: the map's cells, TensorFlow's padding cells
/// (bottom/right first when the total is odd), the cells no window reads, and a few window
/// positions drawn over it (first, one interior, last, and those that reach the padding).
/// Made of rectangles and text only, so it is SVG text or, through `raster`, an RGB image.
public struct WindowPicture: Sendable {
    /// One rectangle: filled, or outlined with a stroke width.
    public struct Box: Sendable {
        public let x: Int, y: Int, width: Int, height: Int
        public let fill: RGB?
        public let stroke: RGB?
        public let strokeWidth: Int
    }

    /// One line of text at a baseline.
    public struct Label: Sendable {
        public let x: Int, y: Int
        public let text: String
        public let size: Int
        public let color: RGB
    }

    public struct RGB: Sendable, Equatable {
        public let r: UInt8, g: UInt8, b: UInt8
        var hex: String { "#" + [r, g, b].map { String($0, radix: 16).leftPadded(2, "0") }.joined() }
    }

    static let mapCell = RGB(r: 255, g: 255, b: 255)
    static let paddingCell = RGB(r: 207, g: 226, b: 243)
    static let lostCell = RGB(r: 244, g: 180, b: 180)
    static let gridLine = RGB(r: 170, g: 170, b: 170)
    /// The band standing for rows and columns a cropped picture leaves out.
    static let gapCell = RGB(r: 120, g: 120, b: 120)
    static let ink = RGB(r: 30, g: 30, b: 30)
    /// Window outlines, in the order the positions are listed.
    static let windowColors = [
        RGB(r: 0, g: 110, b: 0), RGB(r: 200, g: 120, b: 0), RGB(r: 0, g: 70, b: 200),
        RGB(r: 150, g: 0, b: 150), RGB(r: 0, g: 140, b: 140),
    ]

    /// The window colours as words, for a PNG's legend printed beside it.
    public static let windowColorNames = ["green", "orange", "blue", "purple", "teal"]

    /// What each panel says in words: its title, subtitle and window legend, for the PNG
    /// (which carries no text).
    public var legendText: [String] {
        var names = Self.windowColorNames.makeIterator()
        return labels.map { label in
            guard label.text.hasPrefix("window ") else {
                if label.size == 14 { names = Self.windowColorNames.makeIterator() }  // a panel's title
                return label.text
            }
            return "  " + (names.next() ?? "") + ": " + label.text
        }.filter { !$0.hasPrefix("input cell") && !$0.hasPrefix("padding cell") && !$0.hasPrefix("rows/columns") }
    }

    /// The largest padded side drawn (its corners only, beyond 24 cells).
    public static let largestSide = 100_000

    public let width: Int, height: Int
    public private(set) var boxes: [Box] = []
    public private(set) var labels: [Label] = []

    /// One panel per geometry, side by side (`--compare`: SAME and VALID of one op).
    /// Nil when a padded side exceeds `largestSide`.
    public init?(_ geometries: [WindowGeometry]) {
        guard !geometries.isEmpty else { return nil }
        let sides = geometries.map { ($0.rows.inputLength + $0.rows.padTotal, $0.columns.inputLength + $0.columns.padTotal) }
        guard sides.allSatisfy({ max($0.0, $0.1) <= Self.largestSide }) else { return nil }
        let longest = sides.map { max(Self.drawnIndices($0.0).count, Self.drawnIndices($0.1).count) }.max()!
        // Cells of 24 px; maps beyond 24 cells are cropped to their corners, so cells stay large.
        let cell = max(8, min(24, 720 / longest))
        let margin = 16
        let header = 64
        let legendHeight = 20 * (Self.windowColors.count + 3)
        var x = margin
        var tallest = 0
        for geometry in geometries {
            let panel = Self.panel(geometry, cell: cell, left: x, top: margin + header)
            boxes += panel.boxes
            labels.append(Label(x: x, y: margin + 16, text: Self.title(geometry), size: 14, color: Self.ink))
            labels.append(Label(x: x, y: margin + 36, text: Self.subtitle(geometry), size: 12, color: Self.ink))
            labels += panel.labels
            x += max(panel.width, 460) + margin * 2
            tallest = max(tallest, panel.height)
        }
        width = x - margin
        height = margin + header + tallest + legendHeight + margin
    }

    /// `3x3 window, stride 2, SAME, on a 17x17 map`.
    static func title(_ g: WindowGeometry) -> String {
        let stride = g.rows.stride == g.columns.stride ? "\(g.rows.stride)" : "\(g.rows.stride)x\(g.columns.stride)"
        return
            "\(g.rows.kernel)x\(g.columns.kernel) window, stride \(stride), \(g.rows.padding.rawValue), on a \(g.rows.inputLength)x\(g.columns.inputLength) map"
    }

    /// `output 9x9; padding top 1, bottom 1, left 1, right 1; unread: none`.
    static func subtitle(_ g: WindowGeometry) -> String {
        let pad = g.pad
        let lost =
            g.lostRows.isEmpty && g.lostColumns.isEmpty
            ? "none"
            : LossSummary.count(g.lostRows.count, "row") + ", " + LossSummary.count(g.lostColumns.count, "column")
        return "output \(g.output); padding top \(pad.top), bottom \(pad.bottom), left \(pad.left), right \(pad.right); unread: \(lost)"
    }

    /// The padded indices drawn along one axis: all of them for short axes, else the first and
    /// last `corner` with one gap cell (nil) between them, so both corners stay readable.
    static func drawnIndices(_ length: Int, corner: Int = 9) -> [Int?] {
        length <= 2 * corner + 6 ? Array(0..<length) : Array(0..<corner) + [nil] + Array(length - corner..<length)
    }

    /// The grid, the windows and the legend of one geometry, from (`left`, `top`).
    static func panel(_ g: WindowGeometry, cell: Int, left: Int, top: Int) -> (boxes: [Box], labels: [Label], width: Int, height: Int) {
        let rowIndices = drawnIndices(g.rows.inputLength + g.rows.padTotal)
        let columnIndices = drawnIndices(g.columns.inputLength + g.columns.padTotal)
        let rows = rowIndices.count
        let columns = columnIndices.count
        let rowAt = Dictionary(uniqueKeysWithValues: rowIndices.enumerated().compactMap { i, v in v.map { ($0, i) } })
        let columnAt = Dictionary(uniqueKeysWithValues: columnIndices.enumerated().compactMap { i, v in v.map { ($0, i) } })
        var boxes: [Box] = []
        var labels: [Label] = []
        let lostRows = Set(g.lostRows)
        let lostColumns = Set(g.lostColumns)
        for (r, padRow) in rowIndices.enumerated() {
            for (c, padColumn) in columnIndices.enumerated() {
                guard let padRow, let padColumn else {
                    boxes.append(Box(x: left + c * cell, y: top + r * cell, width: cell, height: cell, fill: gapCell, stroke: nil, strokeWidth: 0))
                    continue
                }
                let mapRow = padRow - g.rows.padBefore
                let mapColumn = padColumn - g.columns.padBefore
                let inMap = (0..<g.rows.inputLength).contains(mapRow) && (0..<g.columns.inputLength).contains(mapColumn)
                let fill = !inMap ? paddingCell : (lostRows.contains(mapRow) || lostColumns.contains(mapColumn) ? lostCell : mapCell)
                boxes.append(
                    Box(
                        x: left + c * cell, y: top + r * cell, width: cell, height: cell, fill: fill,
                        stroke: cell >= 6 ? gridLine : nil, strokeWidth: 1))
            }
        }
        // The map's own border, so padding and map are told apart even in grey.
        let mapTop = rowAt[g.rows.padBefore]!
        let mapLeft = columnAt[g.columns.padBefore]!
        let mapBottom = rowAt[g.rows.padBefore + g.rows.inputLength - 1]!
        let mapRight = columnAt[g.columns.padBefore + g.columns.inputLength - 1]!
        boxes.append(
            Box(
                x: left + mapLeft * cell, y: top + mapTop * cell, width: (mapRight - mapLeft + 1) * cell,
                height: (mapBottom - mapTop + 1) * cell, fill: nil, stroke: ink, strokeWidth: 2))
        // Windows whose cells are all drawn (those of a cropped middle are left out).
        let positions = windowPositions(g).filter { p in
            rowAt[p.row * g.rows.stride] != nil && rowAt[p.row * g.rows.stride + g.rows.kernel - 1] != nil
                && columnAt[p.column * g.columns.stride] != nil && columnAt[p.column * g.columns.stride + g.columns.kernel - 1] != nil
                && rowAt[p.row * g.rows.stride + g.rows.kernel - 1]! - rowAt[p.row * g.rows.stride]! == g.rows.kernel - 1
                && columnAt[p.column * g.columns.stride + g.columns.kernel - 1]! - columnAt[p.column * g.columns.stride]! == g.columns.kernel - 1
        }
        for (index, position) in positions.enumerated() {
            let color = windowColors[index % windowColors.count]
            let inset = cell >= 8 ? 2 : 0
            boxes.append(
                Box(
                    x: left + columnAt[position.column * g.columns.stride]! * cell + inset, y: top + rowAt[position.row * g.rows.stride]! * cell + inset,
                    width: g.columns.kernel * cell - 2 * inset, height: g.rows.kernel * cell - 2 * inset,
                    fill: nil, stroke: color, strokeWidth: cell >= 8 ? 3 : 2))
        }
        let cropped = rowIndices.contains(nil) || columnIndices.contains(nil)
        let legendTop = top + rows * cell + 24
        var legend: [(RGB, String, Bool)] = [
            (mapCell, "input cell", true), (paddingCell, "padding cell (zeros; TF puts the odd one bottom/right)", true),
            (lostCell, "input cell no window reads (lost)", true),
        ]
        if cropped { legend.append((gapCell, "rows/columns left out: only the corners of this map are drawn", true)) }
        legend += positions.enumerated().map { (windowColors[$0.offset % windowColors.count], "window \($0.element.label)", false) }
        for (index, item) in legend.enumerated() {
            let y = legendTop + index * 20
            boxes.append(
                Box(x: left, y: y - 12, width: 14, height: 14, fill: item.2 ? item.0 : nil, stroke: item.2 ? ink : item.0, strokeWidth: item.2 ? 1 : 3))
            labels.append(Label(x: left + 22, y: y, text: item.1, size: 12, color: ink))
        }
        return (boxes, labels, columns * cell, rows * cell + 24 + legend.count * 20)
    }

    /// The output positions drawn: first, one interior, last, and windows that reach padding
    /// on a side the others do not (TF's extra bottom/right cell shows in the last one).
    static func windowPositions(_ g: WindowGeometry) -> [(row: Int, column: Int, label: String)] {
        let lastRow = g.rows.outputLength - 1
        let lastColumn = g.columns.outputLength - 1
        var positions: [(row: Int, column: Int, label: String)] = [(0, 0, "(0, 0), the first")]
        // One inside: the middle, or next to the first when a cropped picture hides the middle.
        let inside = (row: lastRow / 2, column: lastColumn / 2)
        let near = (row: min(1, lastRow), column: min(1, lastColumn))
        let drawnMiddle =
            (inside.row * g.rows.stride + g.rows.kernel) <= 9 && (inside.column * g.columns.stride + g.columns.kernel) <= 9
            || (g.rows.inputLength + g.rows.padTotal <= 24 && g.columns.inputLength + g.columns.padTotal <= 24)
        let interior = drawnMiddle ? inside : near
        if lastRow > 1 || lastColumn > 1 { positions.append((interior.row, interior.column, "(\(interior.row), \(interior.column)), one inside")) }
        if lastRow > 0 || lastColumn > 0 { positions.append((lastRow, lastColumn, "(\(lastRow), \(lastColumn)), the last")) }
        if g.rows.padAfter > 0 && lastColumn > 0 && lastRow > 0 { positions.append((lastRow, 0, "(\(lastRow), 0), reads the bottom padding")) }
        if g.columns.padAfter > 0 && lastRow > 0 && lastColumn > 0 { positions.append((0, lastColumn, "(0, \(lastColumn)), reads the right padding")) }
        return positions
    }

    /// The picture as SVG text (its own, self-contained, no fonts beyond sans-serif).
    public func svg() -> String {
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        ]
        for box in boxes {
            let fill = box.fill?.hex ?? "none"
            let stroke = box.stroke.map { " stroke=\"\($0.hex)\" stroke-width=\"\(box.strokeWidth)\"" } ?? ""
            out.append("<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"\(box.height)\" fill=\"\(fill)\"\(stroke)/>")
        }
        for label in labels {
            out.append(
                "<text x=\"\(label.x)\" y=\"\(label.y)\" font-family=\"sans-serif\" font-size=\"\(label.size)\" fill=\"\(label.color.hex)\">\(Self.escaped(label.text))</text>"
            )
        }
        return out.joined(separator: "\n") + "\n</svg>\n"
    }

    /// The rectangles as 8-bit RGB pixels, row by row (text is left out: the SVG carries it).
    public func raster() -> [UInt8] {
        var pixels = [UInt8](repeating: 255, count: width * height * 3)
        func paint(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ color: RGB) {
            for y in max(0, y0)..<min(height, y1) {
                for x in max(0, x0)..<min(width, x1) {
                    let i = (y * width + x) * 3
                    pixels[i] = color.r
                    pixels[i + 1] = color.g
                    pixels[i + 2] = color.b
                }
            }
        }
        for box in boxes {
            if let fill = box.fill { paint(box.x, box.y, box.x + box.width, box.y + box.height, fill) }
            if let stroke = box.stroke {
                let w = box.strokeWidth
                paint(box.x, box.y, box.x + box.width, box.y + w, stroke)
                paint(box.x, box.y + box.height - w, box.x + box.width, box.y + box.height, stroke)
                paint(box.x, box.y, box.x + w, box.y + box.height, stroke)
                paint(box.x + box.width - w, box.y, box.x + box.width, box.y + box.height, stroke)
            }
        }
        return pixels
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

extension String {
    func leftPadded(_ width: Int, _ pad: Character) -> String { String(repeating: pad, count: max(0, width - count)) + self }
}
