import NetworkModel

/// The words a node uses for its op, window, padding and lost pixels.
enum OpText {
    /// `conv 3x3, stride 2, VALID` / `max pool 3x3, stride 2, VALID` / `concat`.
    static func operation(_ op: Op) -> String {
        switch op {
        case .input(let channels): "image, \(channels) channels"
        case .convolution(let conv): "conv " + window(conv.window)
        case .maxPool(let w): "max pool " + window(w)
        case .averagePool(let w): "avg pool " + window(w)
        case .globalAveragePool: "avg pool over the whole map"
        case .concat: "concat along channels"
        case .residual(let scale, let activation): "x + \(scale) * up" + (activation == .relu ? ", then ReLU" : ", no activation")
        case .flatten: "flatten"
        case .dropout(let keep): "dropout (keep \(keep) in training; identity here)"
        case .fullyConnected(let fc): "fully connected -> \(fc.units)"
        case .l2Normalize: "L2 normalise: x / sqrt(max(sum x^2, 1e-10))"
        }
    }

    /// `32 filters, BN, ReLU` / `1088 filters, bias, no activation`, nil when there is nothing to add.
    static func extras(_ op: Op) -> String? {
        switch op {
        case .convolution(let conv):
            return "\(conv.filters) filters" + normalisation(batchNorm: conv.batchNorm, bias: conv.bias, activation: conv.activation)
        case .fullyConnected(let fc):
            return (fc.bias ? "bias" : "no bias") + (fc.batchNorm ? ", batch norm" : "") + ", " + activationWord(fc.activation)
        case .averagePool(let w) where w.padding == .same:
            return "padding left out of the divisor"
        default:
            return nil
        }
    }

    private static func normalisation(batchNorm: Bool, bias: Bool, activation: Activation) -> String {
        (bias ? ", bias" : "") + (batchNorm ? ", BN" : "") + ", " + activationWord(activation)
    }

    private static func activationWord(_ activation: Activation) -> String {
        activation == .relu ? "ReLU" : "no activation"
    }

    /// `3x3, stride 2, VALID`; `1x7, SAME` for stride 1; `1x7, rate 2, SAME` dilated.
    static func window(_ window: Window) -> String {
        let stride = window.stride.isSquare ? "\(window.stride.height)" : window.stride.description
        return "\(window.kernel)" + (window.stride == Size2(1, 1) ? "" : ", stride \(stride)")
            + (window.isDilated ? ", rate \(window.rateText)" : "") + ", \(window.padding.rawValue)"
    }

    /// The badge of one windowed layer: pixels lost (VALID or strided) or padding added (SAME).
    static func badge(for entry: LedgerEntry) -> Badge? {
        guard let window = entry.window else { return nil }
        let strided = window.stride != Size2(1, 1)
        if window.padding == .valid || strided {
            var text = loss(rows: entry.lostRows, columns: entry.lostColumns)
            if !entry.pad.isZero { text = padding(entry.pad) + "; " + text }
            // A strided SAME window that pads is drawn in the padding colour, as the legend says.
            return Badge(entry.isLossy ? .loss : (entry.pad.isZero ? .lossless : .padding), text)
        }
        return Badge(.padding, padding(entry.pad))
    }

    /// `pads 1 top, 1 bottom, 1 left, 1 right` (zero sides left out) or `no padding`.
    static func padding(_ pad: SidePadding) -> String {
        guard !pad.isZero else { return "no padding" }
        let sides = [(pad.top, "top"), (pad.bottom, "bottom"), (pad.left, "left"), (pad.right, "right")]
        return "pads " + sides.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    /// `loses row/col 159`, `loses rows 0-1; col 5`, `loses nothing` (0-based indices).
    static func loss(rows: [Int], columns: [Int]) -> String {
        if rows.isEmpty && columns.isEmpty { return "loses nothing" }
        if rows == columns {
            return "loses " + (rows.count == 1 ? "row/col " : "rows/cols ") + indices(rows)
        }
        var parts: [String] = []
        if !rows.isEmpty { parts.append((rows.count == 1 ? "row " : "rows ") + indices(rows)) }
        if !columns.isEmpty { parts.append((columns.count == 1 ? "col " : "cols ") + indices(columns)) }
        return "loses " + parts.joined(separator: "; ")
    }

    /// `159`, `158-159`, `1, 3, 5, ... (40 in all)`.
    static func indices(_ values: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for value in values.sorted() {
            if let last = runs.last, last.1 + 1 == value { runs[runs.count - 1].1 = value } else { runs.append((value, value)) }
        }
        let texts = runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }
        if texts.count <= 4 { return texts.joined(separator: ", ") }
        return texts.prefix(3).joined(separator: ", ") + ", ... (\(values.count) in all)"
    }

    /// The badge of a block drawn as one node: what its windows do to the map size.
    static func blockBadge(_ entries: [LedgerEntry]) -> Badge? {
        let windowed = entries.filter { $0.window != nil }
        guard !windowed.isEmpty else { return nil }
        let reducing = windowed.filter { $0.window!.padding == .valid && $0.window!.kernel != Size2(1, 1) || $0.window!.stride != Size2(1, 1) }
        if reducing.isEmpty {
            return Badge(.padding, "every window SAME, stride 1: size kept")
        }
        let texts = reducing.map { loss(rows: $0.lostRows, columns: $0.lostColumns) }
        let distinct = texts.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let lossy = reducing.contains(where: \.isLossy)
        let which = reducing.allSatisfy({ $0.window!.stride != Size2(1, 1) }) ? "strided windows" : "VALID/strided windows"
        return Badge(lossy ? .loss : .lossless, "\(which): " + distinct.joined(separator: " / "))
    }
}
