import TileKernels

/// Where the rows of A are. Row `i` is made of segments of contiguous floats (all of K
/// for a matrix, one kernel row for convolution windows), each found by `row(_:at:)`.
enum AOperand: @unchecked Sendable {
    /// A row-major matrix with leading dimension `lda`.
    case matrix(UnsafePointer<Float>, lda: Int)
    /// The windows of a convolution, read in place (implicit GEMM).
    case windows(ConvolutionWindows)
    /// Several matrices side by side (a concat not made): only ever packed.
    case pieces(ChannelPieces)

    /// Row `i` from column `pc` on.
    @inline(__always)
    func row(_ i: Int, at pc: Int) -> UnsafePointer<Float> {
        switch self {
        case .matrix(let a, let lda): a + i * lda + pc
        case .windows(let windows): windows.row(i, at: pc)
        case .pieces(let pieces): pieces.row(i, at: pc)
        }
    }

    /// Rows `i0 ..< i0 + height` (`height` 1 to 6) from column `pc` on, as one tile's six
    /// row pointers; the pointers past `height` repeat the last row (never read).
    @inline(__always)
    func tileRows(_ i0: Int, height: Int, at pc: Int) -> TileRows {
        switch self {
        case .matrix(let a, let lda):
            let first = a + i0 * lda + pc
            @inline(__always) func row(_ r: Int) -> UnsafePointer<Float> { first + min(r, height - 1) * lda }
            return (row(0), row(1), row(2), row(3), row(4), row(5))
        case .windows(let windows):
            return windows.tileRows(i0, height: height, at: pc)
        case .pieces(let pieces):
            return pieces.tileRows(i0, height: height, at: pc)
        }
    }

    /// The length of the runs K is made of: all of K for a matrix, one kernel row
    /// for convolution windows, a length that divides every piece's width for pieces.
    func segment(k: Int) -> Int {
        switch self {
        case .matrix: k
        case .windows(let windows): windows.rowLength
        case .pieces(let pieces): pieces.segment
        }
    }

    /// From the end of a row's segment to the start of its next, in floats: for
    /// windows, the rest of the map's row and the rows a dilation skips (0 for a matrix,
    /// whose one segment is K; pieces are not read in place, so none either).
    var segmentJump: Int {
        switch self {
        case .matrix, .pieces: 0
        case .windows(let windows): windows.dilationHeight * windows.width * windows.channels - windows.rowLength
        }
    }
}

/// A convolution's A matrix without im2col: row `oy * outputWidth + ox` is the window
/// of output pixel `(oy, ox)`, `kh * kw * channels` long in HWC order. In an NHWC map
/// (already zero-padded, so every window lies inside it) one kernel row of a window,
/// `kw * channels` floats, is contiguous, so each K block of a row is read in place.
/// Kernel rows may be `dilationHeight` map rows apart (a convolution dilated along its
/// height); a dilation along the width would break a kernel row's run, so it has no place here.
public struct ConvolutionWindows: @unchecked Sendable {
    /// `[height, width, channels]`, zero-padded as the convolution needs.
    public let map: UnsafePointer<Float>
    public let width: Int
    public let channels: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    public let outputWidth: Int
    /// Map rows between neighbouring kernel rows (1 undilated).
    public let dilationHeight: Int

    public init(
        map: UnsafePointer<Float>, width: Int, channels: Int, kernelWidth: Int,
        strideHeight: Int, strideWidth: Int, outputWidth: Int, dilationHeight: Int = 1
    ) {
        precondition(dilationHeight >= 1, "a dilation is at least 1")
        self.map = map
        self.width = width
        self.channels = channels
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.outputWidth = outputWidth
        self.dilationHeight = dilationHeight
    }

    /// One kernel row of a window: contiguous in the map.
    public var rowLength: Int { kernelWidth * channels }

    /// Row `i` (an output pixel) from column `pc` (kernel row `pc / rowLength`) on.
    @inline(__always)
    func row(_ i: Int, at pc: Int) -> UnsafePointer<Float> {
        tileRows(i, height: 1, at: pc).0
    }

    /// Rows `i0 ..< i0 + height` from column `pc` on (`AOperand.tileRows`): one division
    /// for the first, then a step along the output row (to the next one at its end).
    /// Six divisions per tile were a tenth of a short-K tile's time (the stem's K = 27).
    @inline(__always)
    func tileRows(_ i0: Int, height: Int, at pc: Int) -> TileRows {
        let ky = pc / rowLength
        var oy = i0 / outputWidth
        var ox = i0 - oy * outputWidth
        let column = map + ky * dilationHeight * width * channels + (pc - ky * rowLength)
        @inline(__always) func next() -> UnsafePointer<Float> {
            let pointer = column + (oy * strideHeight * width + ox * strideWidth) * channels
            ox += 1
            if ox == outputWidth {
                ox = 0
                oy += 1
            }
            return pointer
        }
        let r0 = next()
        let r1 = height > 1 ? next() : r0
        let r2 = height > 2 ? next() : r1
        let r3 = height > 3 ? next() : r2
        let r4 = height > 4 ? next() : r3
        let r5 = height > 5 ? next() : r4
        return (r0, r1, r2, r3, r4, r5)
    }
}

/// The K blocks of a multiply: `(start, depth)` pairs covering `0..<k` in order, of
/// at most `maximum` each unless a segment is longer. K is made of segments
/// (`segment` long; `k` is a multiple). Segments up to `maximum` are grouped whole,
/// as evenly as they go, into as few blocks as fit (a block reads each of A's rows
/// as runs, `AOperand.segmentJump` apart); a longer segment is cut into equal blocks,
/// none crossing into the next segment and none a short tail.
func kBlocks(k: Int, segment: Int, maximum: Int = Blocking.kc) -> [(start: Int, depth: Int)] {
    guard k > 0 else { return [] }
    let segment = max(1, min(segment, k))
    var blocks: [(start: Int, depth: Int)] = []
    if segment <= maximum {
        let segments = k / segment
        let perBlock = max(1, maximum / segment)
        let count = (segments + perBlock - 1) / perBlock
        for index in 0..<count {
            let first = index * segments / count
            let end = (index + 1) * segments / count
            blocks.append((first * segment, (end - first) * segment))
        }
        return blocks
    }
    let depth = Blocking.depth(forK: segment, maximum: maximum)
    var start = 0
    while start < k {
        let end = min(k, start + segment)
        var pc = start
        while pc < end {
            blocks.append((pc, min(depth, end - pc)))
            pc += depth
        }
        start = end
    }
    return blocks
}
