import TileKernels

/// A's rows as several row-major matrices side by side, never joined: row `i` is row `i`
/// of the first piece, then row `i` of the second, and so on. A concat of channel maps
/// read by a 1x1 convolution (an Inception-ResNet block's branches, read by its up
/// projection): the multiply packs A from the pieces, so the concat is never written.
public struct ChannelPieces: @unchecked Sendable {
    /// Each piece's first row and its width (its row length: the pieces are dense).
    public let pieces: [(start: UnsafePointer<Float>, width: Int)]
    /// The widths summed: A's K.
    public let k: Int
    /// The length of the runs K is cut into for packing: the greatest common divisor of
    /// the widths, so that no run crosses from one piece into the next.
    let segment: Int

    public init(_ pieces: [(start: UnsafePointer<Float>, width: Int)]) {
        precondition(!pieces.isEmpty && pieces.allSatisfy { $0.width > 0 }, "channel pieces need a width each")
        self.pieces = pieces
        k = pieces.reduce(0) { $0 + $1.width }
        segment = pieces.reduce(0) { greatestCommonDivisor($0, $1.width) }
    }

    /// Row `i` from column `pc` on, as far as the end of `pc`'s piece.
    @inline(__always)
    func row(_ i: Int, at pc: Int) -> UnsafePointer<Float> {
        let (start, width, column) = piece(at: pc)
        return start + i * width + column
    }

    /// Rows `i0 ..< i0 + height` from column `pc` on (`AOperand.tileRows`).
    @inline(__always)
    func tileRows(_ i0: Int, height: Int, at pc: Int) -> TileRows {
        let (start, width, column) = piece(at: pc)
        let first = start + i0 * width + column
        @inline(__always) func row(_ r: Int) -> UnsafePointer<Float> { first + min(r, height - 1) * width }
        return (row(0), row(1), row(2), row(3), row(4), row(5))
    }

    /// The piece that holds column `pc`, and `pc`'s column in it.
    @inline(__always)
    private func piece(at pc: Int) -> (start: UnsafePointer<Float>, width: Int, column: Int) {
        var column = pc
        for piece in pieces {
            if column < piece.width { return (piece.start, piece.width, column) }
            column -= piece.width
        }
        preconditionFailure("column \(pc) is past the pieces' \(k)")
    }

    /// Rows `rows` joined into the row-major matrix at `a` (`k` floats a row; row `i` at
    /// `a + i * k`): the concat itself, written.
    public func join(rows: Range<Int>, into a: UnsafeMutablePointer<Float>) {
        for i in rows {
            var column = 0
            for piece in pieces {
                (a + i * k + column).initialize(from: piece.start + i * piece.width, count: piece.width)
                column += piece.width
            }
        }
    }
}

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    b == 0 ? a : greatestCommonDivisor(b, a % b)
}
