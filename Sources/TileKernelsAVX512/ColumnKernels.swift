/// The two tile kernels under the names and arguments the column loops call
/// (`Columns.swift`, shared with `TileKernels`: whole tiles down one B panel, or across a
/// thin B's panels, in one call), here the 512-bit tiles: the bias's two halves joined
/// into one 16-float vector.

/// The height of the column loops' tiles: always six whole rows.
typealias SixRows = WideSixRows

/// A whole tile from a packed A micro-panel (`wideKernel6x16`).
@inline(__always)
func microKernel6x16(
    _ height: SixRows.Type, kc: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
) -> Float {
    wideKernel6x16(
        kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish,
        bias: SIMD16(lowHalf: bias0, highHalf: bias1), relu: relu)
}

/// A whole tile with A's six rows read in place (`wideKernel6x16Rows`).
@inline(__always)
func microKernel6x16Rows(
    _ height: SixRows.Type, kc: Int, run: Int, jump: Int,
    rows: (
        UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
        UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
    ),
    b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
) -> Float {
    wideKernel6x16Rows(
        height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
        load: load, finish: finish, bias: SIMD16(lowHalf: bias0, highHalf: bias1), relu: relu)
}
