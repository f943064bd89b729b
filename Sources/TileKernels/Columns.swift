/// Whole 6 x 16 tiles down one B panel, in one call: `GEMM` hands a panel's whole tiles
/// here instead of calling `packedTile` or `inPlaceTile` once per tile. Between two
/// tiles there is then no call, no argument passing and no search for the tile's rows:
/// at K = 32, with all operands in L1, that per-tile work took a third of a tile's time;
/// over a pass, a tenth of the kernels' own (perf). Edge tiles still go one at a time.
///
/// Each tile is computed and written as by the single-tile kernels, then, when the block
/// finishes and a shortcut is given, gets the residual add (`residualWriteOut`) while in
/// L1. A tile with an add and nothing to load (one K block) is stored to `scratch`
/// (room for one 6 x 16 tile) and the add writes C from there, so C may be the shortcut
/// itself. Each returns the sum of the tiles' finiteness sums (0 while every value
/// finished is finite, NaN once one is not; 0 when not `finish`).
///
/// Compiled with `MicroKernel.swift` in `TileKernels` and `TileKernelsFMA` (see there),
/// and in `TileKernelsAVX512` with its 512-bit tiles under the same names
/// (`ColumnKernels.swift` there).
extension Tiles {
    /// `tiles` tiles from a packed A block (tile `t`'s micro-panel at `a + t * 6 * kc`),
    /// C's tile `t` at `c + t * 6 * ldc`; the first prefetches `prefetch` bytes ahead in B.
    @discardableResult
    public static func packedColumn(
        tiles: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool,
        shortcut: UnsafePointer<Float>?, shortcutStride: Int, scale: Float, shortcutReLU: Bool
    ) -> Float {
        var finiteness: Float = 0
        for tile in 0..<tiles {
            let cTile = c + tile * 6 * ldc
            let x = finish ? shortcut.map { $0 + tile * 6 * shortcutStride } : nil
            let (product, ldp) = productTile(c: cTile, ldc: ldc, scratch: scratch, load: load, shortcut: x, stride: shortcutStride)
            let written = microKernel6x16(
                SixRows.self, kc: kc, a: a + tile * 6 * kc, b: b, c: product, ldc: ldp, prefetch: tile == 0 ? prefetch : 0,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
            finiteness += finishTile(
                product, ldp: ldp, c: cTile, ldc: ldc, written: written, shortcut: x, shortcutStride: shortcutStride, scale: scale,
                shortcutReLU: shortcutReLU)
        }
        return finiteness
    }

    /// `tiles` tiles with A read in place: tile `t`'s six rows start at
    /// `rows[6t ..< 6t + 6]`, each moved on by `offset` floats (to the K block's first
    /// column), read in runs as `inPlaceTile` reads them; C as in `packedColumn`.
    @discardableResult
    public static func inPlaceColumn(
        tiles: Int, rows: UnsafePointer<UnsafePointer<Float>>, offset: Int, kc: Int, run: Int, jump: Int,
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool,
        shortcut: UnsafePointer<Float>?, shortcutStride: Int, scale: Float, shortcutReLU: Bool
    ) -> Float {
        var finiteness: Float = 0
        for tile in 0..<tiles {
            let r = rows + 6 * tile
            let cTile = c + tile * 6 * ldc
            let x = finish ? shortcut.map { $0 + tile * 6 * shortcutStride } : nil
            let (product, ldp) = productTile(c: cTile, ldc: ldc, scratch: scratch, load: load, shortcut: x, stride: shortcutStride)
            let written = microKernel6x16Rows(
                SixRows.self, kc: kc, run: run, jump: jump,
                rows: (r[0] + offset, r[1] + offset, r[2] + offset, r[3] + offset, r[4] + offset, r[5] + offset),
                b: b, c: product, ldc: ldp, prefetch: tile == 0 ? prefetch : 0,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
            finiteness += finishTile(
                product, ldp: ldp, c: cTile, ldc: ldc, written: written, shortcut: x, shortcutStride: shortcutStride, scale: scale,
                shortcutReLU: shortcutReLU)
        }
        return finiteness
    }

    /// A thin B's tiles: `tiles` whole row tiles with A read in place (rows as in
    /// `inPlaceColumn`, already at the K block's first column), each through all `panels`
    /// panels of B (panel `p` at `b + p * panelStride`, its bias `biases[2p]`,
    /// `biases[2p + 1]`) before the next tile, while its six rows are in L1. C's tile
    /// (`t`, `p`) at `c + t * 6 * ldc + p * 16`. The first tile prefetches `prefetch`
    /// bytes ahead in each panel. No residual add (a thin B is never an up projection).
    @discardableResult
    public static func inPlaceAcrossPanels(
        tiles: Int, rows: UnsafePointer<UnsafePointer<Float>>, kc: Int, run: Int, jump: Int,
        panels: Int, b: UnsafePointer<Float>, panelStride: Int, biases: UnsafePointer<SIMD8<Float>>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int, load: Bool, finish: Bool, relu: Bool
    ) -> Float {
        var finiteness: Float = 0
        for tile in 0..<tiles {
            let r = rows + 6 * tile
            let tileRows = (r[0], r[1], r[2], r[3], r[4], r[5])
            for panel in 0..<panels {
                finiteness += microKernel6x16Rows(
                    SixRows.self, kc: kc, run: run, jump: jump, rows: tileRows, b: b + panel * panelStride,
                    c: c + tile * 6 * ldc + panel * 16, ldc: ldc, prefetch: tile == 0 ? prefetch : 0,
                    load: load, finish: finish, bias0: biases[2 * panel], bias1: biases[2 * panel + 1], relu: relu)
            }
        }
        return finiteness
    }

    /// Where the kernel stores a tile: `scratch` (rows 16 apart) when a residual add
    /// follows (`shortcut`, rows `stride` apart) and nothing is loaded from C, else C's
    /// tile itself. For the add, asks for the shortcut's lines first.
    @inline(__always)
    private static func productTile(
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, load: Bool,
        shortcut: UnsafePointer<Float>?, stride: Int
    ) -> (UnsafeMutablePointer<Float>, Int) {
        guard let shortcut, !load else { return (c, ldc) }
        prefetchTile(shortcut, ld: stride, height: 6)
        return (scratch, 16)
    }

    /// A stored tile's finiteness sum: the kernel's (`written`), or, with a shortcut (the
    /// block finished), the residual add's as it writes C's tile from the product's.
    @inline(__always)
    private static func finishTile(
        _ product: UnsafeMutablePointer<Float>, ldp: Int, c: UnsafeMutablePointer<Float>, ldc: Int, written: Float,
        shortcut: UnsafePointer<Float>?, shortcutStride: Int, scale: Float, shortcutReLU: Bool
    ) -> Float {
        guard let shortcut else { return written }
        return residualWriteOut(
            up: product, ldu: ldp, shortcut: shortcut, ld: shortcutStride, c: c, ldc: ldc, height: 6, width: 16, scale: scale,
            relu: shortcutReLU)
    }
}
