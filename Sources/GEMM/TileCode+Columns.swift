import TileKernels
import TileKernelsAVX512
import TileKernelsFMA

/// The column loops (`Tiles.packedColumn`, `Tiles.inPlaceColumn`: whole tiles down one
/// B panel in one call; `Tiles.inPlaceAcrossPanels`: whole tiles across a thin B's
/// panels), one source compiled into each of the three kernel modules.
extension TileCode {
    /// `tiles` whole tiles from a packed A block; with `residual`, each gets its add once
    /// the block finishes. The sum of their finiteness sums.
    @inline(__always)
    func packedColumn(
        tiles: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool, residual: ResidualAdd?
    ) -> Float {
        let (shortcut, stride, scale, shortcutReLU) = Self.parts(of: residual)
        switch self {
        case .wide:
            return TileKernelsAVX512.Tiles.packedColumn(
                tiles: tiles, kc: kc, a: a, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch, load: load, finish: finish,
                bias0: bias0, bias1: bias1, relu: relu, shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        case .fused:
            return TileKernelsFMA.Tiles.packedColumn(
                tiles: tiles, kc: kc, a: a, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch, load: load, finish: finish,
                bias0: bias0, bias1: bias1, relu: relu, shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        case .portable:
            return TileKernels.Tiles.packedColumn(
                tiles: tiles, kc: kc, a: a, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch, load: load, finish: finish,
                bias0: bias0, bias1: bias1, relu: relu, shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        }
    }

    /// `tiles` whole tiles with A's rows read in place from `rows` (six per tile, each
    /// moved on by `offset`), as `packedColumn`.
    @inline(__always)
    func inPlaceColumn(
        tiles: Int, rows: UnsafePointer<UnsafePointer<Float>>, offset: Int, kc: Int, run: Int, jump: Int,
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool, residual: ResidualAdd?
    ) -> Float {
        let (shortcut, stride, scale, shortcutReLU) = Self.parts(of: residual)
        switch self {
        case .wide:
            return TileKernelsAVX512.Tiles.inPlaceColumn(
                tiles: tiles, rows: rows, offset: offset, kc: kc, run: run, jump: jump, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu,
                shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        case .fused:
            return TileKernelsFMA.Tiles.inPlaceColumn(
                tiles: tiles, rows: rows, offset: offset, kc: kc, run: run, jump: jump, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu,
                shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        case .portable:
            return TileKernels.Tiles.inPlaceColumn(
                tiles: tiles, rows: rows, offset: offset, kc: kc, run: run, jump: jump, b: b, c: c, ldc: ldc, scratch: scratch, prefetch: prefetch,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu,
                shortcut: shortcut, shortcutStride: stride, scale: scale, shortcutReLU: shortcutReLU)
        }
    }

    /// `tiles` whole row tiles read in place, each through every panel of a thin B
    /// (`Tiles.inPlaceAcrossPanels`). The sum of their finiteness sums.
    @inline(__always)
    func inPlaceAcrossPanels(
        tiles: Int, rows: UnsafePointer<UnsafePointer<Float>>, kc: Int, run: Int, jump: Int,
        panels: Int, b: UnsafePointer<Float>, panelStride: Int, biases: UnsafePointer<SIMD8<Float>>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int, load: Bool, finish: Bool, relu: Bool
    ) -> Float {
        switch self {
        case .wide:
            return TileKernelsAVX512.Tiles.inPlaceAcrossPanels(
                tiles: tiles, rows: rows, kc: kc, run: run, jump: jump, panels: panels, b: b, panelStride: panelStride,
                biases: biases, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, relu: relu)
        case .fused:
            return TileKernelsFMA.Tiles.inPlaceAcrossPanels(
                tiles: tiles, rows: rows, kc: kc, run: run, jump: jump, panels: panels, b: b, panelStride: panelStride,
                biases: biases, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, relu: relu)
        case .portable:
            return TileKernels.Tiles.inPlaceAcrossPanels(
                tiles: tiles, rows: rows, kc: kc, run: run, jump: jump, panels: panels, b: b, panelStride: panelStride,
                biases: biases, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, relu: relu)
        }
    }

    /// A residual add as the kernels take it: no shortcut for none.
    @inline(__always)
    private static func parts(of residual: ResidualAdd?) -> (UnsafePointer<Float>?, Int, Float, Bool) {
        guard let residual else { return (nil, 0, 1, false) }
        return (residual.shortcut, residual.ld, residual.scale, residual.relu)
    }
}
