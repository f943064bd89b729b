/// TensorFlow's arithmetic of a sliding window along one axis.
///
/// VALID: `out = floor((in - k) / s) + 1`, no padding.
/// SAME:  `out = ceil(in / s)`, `total = max((out - 1) * s + k - in, 0)`,
///        `before = total / 2`, `after = total - before` (the odd pixel goes last).
/// A pixel is *lost* when no window covers it: at the end for VALID when
/// `(in - k) mod s != 0`, and between windows whenever `k < s`.
public struct AxisWindow: Hashable, Sendable {
    public let inputLength: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Padding

    public let outputLength: Int
    public let padBefore: Int
    public let padAfter: Int

    /// Largest input length, kernel or stride: far beyond any real map, small enough that
    /// every product below fits 64 bits and the lost pixels can be listed quickly.
    public static let largestLength = 1 << 20

    /// Returns nil when no window fits (VALID with `in < k`) or the arguments are not
    /// in `1...largestLength` (see `limitProblem`).
    public init?(inputLength: Int, kernel: Int, stride: Int, padding: Padding) {
        guard Self.limitProblem(inputLength: inputLength, kernel: kernel, stride: stride) == nil else { return nil }
        self.inputLength = inputLength
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        switch padding {
        case .valid:
            guard inputLength >= kernel else { return nil }
            outputLength = (inputLength - kernel) / stride + 1
            padBefore = 0
            padAfter = 0
        case .same:
            outputLength = (inputLength + stride - 1) / stride
            let total = max((outputLength - 1) * stride + kernel - inputLength, 0)
            padBefore = total / 2
            padAfter = total - padBefore
        }
    }

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
    /// Window `i` covers `[i*s - before, i*s - before + k - 1]`. With `q = index + before`,
    /// the windows reach up to `q = (out - 1) * s + k - 1`, with gaps of `s - k` when `k < s`.
    public func covers(_ index: Int) -> Bool {
        let q = index + padBefore
        guard q <= (outputLength - 1) * stride + kernel - 1 else { return false }
        return kernel >= stride || q % stride < kernel
    }

    /// The input indices no window reaches, in increasing order.
    public var lostIndices: [Int] { (0..<inputLength).filter { !covers($0) } }
}

/// The window arithmetic of one 2-D op: kernel, stride and padding over a map.
public struct WindowGeometry: Hashable, Sendable {
    public let rows: AxisWindow
    public let columns: AxisWindow

    public init?(input: Size2, kernel: Size2, stride: Size2, padding: Padding) {
        guard let rows = AxisWindow(inputLength: input.height, kernel: kernel.height, stride: stride.height, padding: padding),
              let columns = AxisWindow(inputLength: input.width, kernel: kernel.width, stride: stride.width, padding: padding)
        else { return nil }
        self.rows = rows
        self.columns = columns
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
