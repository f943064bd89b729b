import Tensors

/// One channel of a feature map as text: each cell two characters, darker to brighter,
/// averaged down so the map fits in `maxColumns` cells. Vectors wrap into rows.
public struct HeatMap {
    public let channel: Int
    public let channels: Int
    /// Cell values, row-major, `rows x columns`.
    let cells: [Float]
    let rows: Int
    let columns: Int
    /// Input pixels per cell along each axis (1 when not reduced).
    let factor: Int
    /// Characters per cell: 2 for maps (square-looking pixels), 1 for vectors.
    var cellWidth: Int { channels == 1 && factor == 1 && source.hasPrefix("vector") ? 1 : 2 }
    public let minimum: Float
    public let maximum: Float
    let source: String

    /// Characters from low to high for plain terminals.
    static let ramp: [Character] = Array(" .:-=+*#%@")

    /// `channel` nil picks the channel with the largest standard deviation.
    public init(tensor: Tensor, channel: Int?, maxColumns: Int = 40) throws {
        if tensor.rank == 4 {
            let (h, w, c) = (tensor.shape[1], tensor.shape[2], tensor.shape[3])
            if let channel, channel >= c {
                throw CommandError("show: channel \(channel) does not exist: this map has channels \(NumberFormat.span(0, c))")
            }
            let chosen = channel ?? Self.liveliestChannel(tensor)
            let factor = max(1, (max(h, w) + maxColumns - 1) / maxColumns)
            let rows = (h + factor - 1) / factor
            let columns = (w + factor - 1) / factor
            var cells = [Float](repeating: 0, count: rows * columns)
            for r in 0..<rows {
                for q in 0..<columns {
                    var sum: Float = 0
                    var n: Float = 0
                    for y in (r * factor)..<min(h, (r + 1) * factor) {
                        for x in (q * factor)..<min(w, (q + 1) * factor) {
                            sum += tensor.scalars[(y * w + x) * c + chosen]
                            n += 1
                        }
                    }
                    cells[r * columns + q] = sum / n
                }
            }
            self.init(
                channel: chosen, channels: c, cells: cells, rows: rows, columns: columns, factor: factor,
                source: "\(h)x\(w)" + (factor > 1 ? ", each cell the mean of \(factor)x\(factor) pixels" : ""))
        } else {
            if let channel, channel != 0 { throw CommandError("show: a vector has no channel \(channel); leave 'channel' out") }
            let n = tensor.count
            let columns = min(n, 64)
            let rows = (n + columns - 1) / columns
            var cells = [Float](repeating: .nan, count: rows * columns)
            for i in 0..<n { cells[i] = tensor.scalars[i] }
            self.init(
                channel: 0, channels: 1, cells: cells, rows: rows, columns: columns, factor: 1,
                source: "vector of \(n) values, one character each, rows of \(columns)")
        }
    }

    private init(channel: Int, channels: Int, cells: [Float], rows: Int, columns: Int, factor: Int, source: String) {
        self.channel = channel
        self.channels = channels
        self.cells = cells
        self.rows = rows
        self.columns = columns
        self.factor = factor
        self.source = source
        let finite = cells.filter(\.isFinite)
        minimum = finite.min() ?? 0
        maximum = finite.max() ?? 0
    }

    static func liveliestChannel(_ tensor: Tensor) -> Int {
        let c = tensor.shape[3]
        let pixels = tensor.count / c
        var sum = [Double](repeating: 0, count: c)
        var squares = [Double](repeating: 0, count: c)
        for p in 0..<pixels {
            for k in 0..<c {
                let v = Double(tensor.scalars[p * c + k])
                sum[k] += v
                squares[k] += v * v
            }
        }
        var best = 0
        var bestVariance = -1.0
        for k in 0..<c {
            let mean = sum[k] / Double(pixels)
            let variance = squares[k] / Double(pixels) - mean * mean
            if variance > bestVariance + 1e-12 {
                best = k
                bestVariance = variance
            }
        }
        return best
    }

    /// `channel 5 of 384, 17x17; ' ' = 0 .. '@' = 3.21`.
    public var caption: String {
        let which = channels > 1 ? "channel \(channel) of \(channels), " : ""
        return which + source + "; dark = \(NumberFormat.value(minimum)), bright = \(NumberFormat.value(maximum))"
    }

    /// The map, one text line per cell row: grey backgrounds with colour, a character ramp without.
    public func lines(style: Style) -> [String] {
        let span = maximum - minimum
        return (0..<rows).map { r in
            var line = "  "
            for q in 0..<columns {
                let v = cells[r * columns + q]
                guard v.isFinite else {
                    line += String(repeating: " ", count: cellWidth)
                    continue
                }
                let t = span > 0 ? Double((v - minimum) / span) : 0
                if style.colour {
                    line += style.background(232 + Int((t * 23).rounded()), String(repeating: " ", count: cellWidth))
                } else {
                    let ch = Self.ramp[Int((t * Double(Self.ramp.count - 1)).rounded())]
                    line += String(repeating: ch, count: cellWidth)
                }
            }
            return line
        }
    }
}
