/// TensorFlow's arithmetic of a sliding window along one axis.
///
/// A window of `k` taps dilated by `r` spans `e = (k - 1) * r + 1` pixels (`e = k` undilated);
/// TensorFlow pads and counts outputs with that span:
/// VALID: `out = floor((in - e) / s) + 1`, no padding.
/// SAME:  `out = ceil(in / s)`, `total = max((out - 1) * s + e - in, 0)`,
///        `before = total / 2`, `after = total - before` (the odd pixel goes last).
/// A pixel is *lost* when no tap of any window reads it: at the end for VALID when
/// `(in - e) mod s != 0`, between windows whenever `e < s`, and between taps when `r > s`.
public struct AxisWindow: Hashable, Sendable {
    public let inputLength: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Padding
    /// Distance between taps (1: a plain window).
    public let dilation: Int

    public let outputLength: Int
    public let padBefore: Int
    public let padAfter: Int

    /// Largest input length, kernel, stride or dilation: far beyond any real map, small
    /// enough that every product below fits 64 bits and the lost pixels can be listed quickly.
    public static let largestLength = 1 << 20

    /// Returns nil when no window fits (VALID with `in < e`) or the arguments are not
    /// in `1...largestLength` (see `limitProblem`).
    public init?(inputLength: Int, kernel: Int, stride: Int, padding: Padding, dilation: Int = 1) {
        guard Self.limitProblem(inputLength: inputLength, kernel: kernel, stride: stride) == nil,
            (1...Self.largestLength).contains(dilation)
        else { return nil }
        let span = (kernel - 1) * dilation + 1
        self.inputLength = inputLength
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        switch padding {
        case .valid:
            guard inputLength >= span else { return nil }
            outputLength = (inputLength - span) / stride + 1
            padBefore = 0
            padAfter = 0
        case .same:
            outputLength = (inputLength + stride - 1) / stride
            let total = max((outputLength - 1) * stride + span - inputLength, 0)
            padBefore = total / 2
            padAfter = total - padBefore
        }
    }

    /// The pixels one window spans: `(k - 1) * r + 1`.
    public var span: Int { (kernel - 1) * dilation + 1 }

    public var padTotal: Int { padBefore + padAfter }

    /// Why these arguments are refused (not positive, or beyond `largestLength`), or nil.
    public static func limitProblem(inputLength: Int, kernel: Int, stride: Int) -> String? {
        for (what, value) in [("size", inputLength), ("kernel", kernel), ("stride", stride)] where !(1...largestLength).contains(value) {
            return "\(what) \(value) is outside 1...\(largestLength) (the window arithmetic is shown for sides up to 2^20)"
        }
        return nil
    }

    /// Whether some window covers input index `index` (0-based).
    ///
    /// Window `i`'s taps read `i*s - before + t*r` for `t` in `0..<k`. With `q = index + before`,
    /// the windows reach up to `q = (out - 1) * s + e - 1`, with gaps of `s - e` when `e < s`;
    /// a dilated window also skips the pixels between its taps, which a neighbour may read.
    public func covers(_ index: Int) -> Bool {
        let q = index + padBefore
        guard q >= 0, q <= (outputLength - 1) * stride + span - 1 else { return false }
        if dilation == 1 { return kernel >= stride || q % stride < kernel }
        // Some tap t with q - t*r = i*s for a window i in 0..<out.
        for tap in 0..<kernel {
            let start = q - tap * dilation
            if start >= 0 && start % stride == 0 && start / stride < outputLength { return true }
        }
        return false
    }

    /// The input indices no window reaches, in increasing order.
    public var lostIndices: [Int] { (0..<inputLength).filter { !covers($0) } }
}

/// The window arithmetic of one 2-D op: kernel, stride, padding and dilation over a map.
public struct WindowGeometry: Hashable, Sendable {
    public let rows: AxisWindow
    public let columns: AxisWindow

    public init?(input: Size2, kernel: Size2, stride: Size2, padding: Padding, dilation: Size2 = Size2(1, 1)) {
        guard let rows = AxisWindow(inputLength: input.height, kernel: kernel.height, stride: stride.height, padding: padding, dilation: dilation.height),
            let columns = AxisWindow(inputLength: input.width, kernel: kernel.width, stride: stride.width, padding: padding, dilation: dilation.width)
        else { return nil }
        self.rows = rows
        self.columns = columns
    }

    /// The window of `declared`'s kernel, stride, padding and dilation over `input`.
    public init?(input: Size2, window declared: Window) {
        self.init(input: input, kernel: declared.kernel, stride: declared.stride, padding: declared.padding, dilation: declared.dilation)
    }

    public var output: Size2 { Size2(rows.outputLength, columns.outputLength) }

    /// Padding per side, in the order TensorFlow lists it: top, bottom, left, right.
    public var pad: SidePadding {
        SidePadding(top: rows.padBefore, bottom: rows.padAfter, left: columns.padBefore, right: columns.padAfter)
    }

    public var lostRows: [Int] { rows.lostIndices }
    public var lostColumns: [Int] { columns.lostIndices }
}

/// Zero padding on each side of a map.
public struct SidePadding: Hashable, Sendable {
    public var top: Int
    public var bottom: Int
    public var left: Int
    public var right: Int

    public static let none = SidePadding(top: 0, bottom: 0, left: 0, right: 0)

    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    public var rows: Int { top + bottom }
    public var columns: Int { left + right }
    public var isZero: Bool { rows == 0 && columns == 0 }
    public var isSymmetric: Bool { top == bottom && left == right }
    /// `[top, bottom, left, right]`.
    public var array: [Int] { [top, bottom, left, right] }
}
