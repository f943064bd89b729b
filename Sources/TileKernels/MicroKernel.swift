import CPrefetch

/// The only processor-specific code: a 6 x 16 tile of C from packed panels.
///
/// This file is compiled twice (`Package.swift`): in `TileKernels` with no machine
/// flags, and in `TileKernelsFMA` with AVX2 + FMA code generation on x86-64 and
/// `FUSED_MULTIPLY_ADD` defined. `GEMM` picks one at run time (`TileCode`).
///
/// `a` is an A micro-panel (`kc` steps of 6 floats: column p of 6 rows),
/// `b` a B micro-panel (`kc` steps of 16 floats: row p of 16 columns).
/// The tile accumulates in 12 `SIMD8<Float>` registers (6 rows x 2 halves),
/// each k step is 6 broadcasts, 2 loads and 12 fused multiply-adds.
/// No loops in the m/n directions: packing zero-pads. An edge tile of fewer rows
/// (`Height`, as in `microKernel6x16Rows`) multiplies only those, into a scratch tile.
///
/// Write-out: `tile = acc (+ C when load) (+ bias, then ReLU when finish)`. Returns,
/// when `finish`, the sum of `x - x` over every value stored: 0 when all are finite,
/// NaN when one is not (the values are looked at in registers, not read back); else 0.
///
/// Each k step also prefetches the cache line `prefetch` bytes past the B row it
/// reads (one 64-byte line per step, the rate B is consumed), so that what is read
/// next streams in from memory while this is computed (`GEMMJob` picks the
/// distance). 0 prefetches the line just read, which costs nothing.
@inline(__always)
func microKernel6x16<Height: TileHeight>(
    _ height: Height.Type, kc: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
) -> Float {
    typealias V = SIMD8<Float>
    // Rows 0-5 of the tile, left and right halves.
    var (c00, c01, c10, c11, c20, c21) = (V(), V(), V(), V(), V(), V())
    var (c30, c31, c40, c41, c50, c51) = (V(), V(), V(), V(), V(), V())
    var a = a
    var b = UnsafeRawPointer(b)
    // The C tile is read (or written) only after the loop; ask for its lines now, so
    // they arrive while the tile computes. Its rows are ldc apart, so in a large C
    // they are in no cache: 1024^3 ran 11-13% faster with this, the network the same.
    for row in 0..<Height.rows {
        prefetchForRead(c + row * ldc)
        prefetchForRead(c + row * ldc + 15)
    }
    for _ in 0..<kc {
        prefetchForRead(b + prefetch)
        let b0 = b.loadUnaligned(as: V.self)
        let b1 = b.loadUnaligned(fromByteOffset: 32, as: V.self)
        accumulateRow(a[0], b0, b1, &c00, &c01)
        if Height.rows > 1 { accumulateRow(a[1], b0, b1, &c10, &c11) }
        if Height.rows > 2 { accumulateRow(a[2], b0, b1, &c20, &c21) }
        if Height.rows > 3 { accumulateRow(a[3], b0, b1, &c30, &c31) }
        if Height.rows > 4 { accumulateRow(a[4], b0, b1, &c40, &c41) }
        if Height.rows > 5 { accumulateRow(a[5], b0, b1, &c50, &c51) }
        a += 6
        b += 64
    }
    return writeTile(
        c, ldc: ldc, rows: Height.rows, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu,
        (c00, c01), (c10, c11), (c20, c21), (c30, c31), (c40, c41), (c50, c51))
}

/// The number of rows of an in-place tile, as a type: the kernel is generic over it,
/// so each height is specialised into its own loop with the other rows' work
/// compiled away, whether or not the optimiser inlines the call. (A height passed
/// as an integer was folded only while the kernel happened to be inlined; one
/// unrelated edit outlined it and the 8x8 stage ran at half speed.)
protocol TileHeight { static var rows: Int { get } }
enum OneRow: TileHeight { static var rows: Int { 1 } }
enum TwoRows: TileHeight { static var rows: Int { 2 } }
enum ThreeRows: TileHeight { static var rows: Int { 3 } }
enum FourRows: TileHeight { static var rows: Int { 4 } }
enum FiveRows: TileHeight { static var rows: Int { 5 } }
enum SixRows: TileHeight { static var rows: Int { 6 } }

/// Where each of an in-place tile's six A rows starts (rows at and past its height are
/// never read, so any valid pointer does for them).
public typealias TileRows = (
    UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
    UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
)

/// The same tile with A read in place: `Height.rows` (1 to 6) rows, each contiguous
/// in k, wherever they are (no packing; used when a multiply has a single row block,
/// so each A row panel is swept once per B panel from L1/L2 anyway). Rows at and past
/// the height are neither read nor multiplied (their accumulators stay zero) and the
/// caller drops them: an edge tile of 3 rows (the 3x3 stage, M = 9) costs half a
/// full tile.
///
/// A row need not be contiguous through all `kc` steps: it may be `kc / run` runs of
/// `run` floats, each `jump` floats past the end of the one before (a convolution
/// window's kernel rows in the map). The tile stays in registers across runs.
/// B is a packed panel, 64 bytes per k step. Returns the rows' finiteness sum, as the
/// packed tile does (the rows past the height are not looked at).
@inline(__always)
func microKernel6x16Rows<Height: TileHeight>(
    _ height: Height.Type, kc: Int, run: Int, jump: Int,
    rows: TileRows,
    b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
) -> Float {
    typealias V = SIMD8<Float>
    // Rows 0-5 of the tile, left and right halves.
    var (c00, c01, c10, c11, c20, c21) = (V(), V(), V(), V(), V(), V())
    var (c30, c31, c40, c41, c50, c51) = (V(), V(), V(), V(), V(), V())
    var (a0, a1, a2, a3, a4, a5) = rows
    var b = UnsafeRawPointer(b)
    for runIndex in 0..<(kc / run) {
        if runIndex > 0 {
            a0 += jump
            a1 += jump
            a2 += jump
            a3 += jump
            a4 += jump
            a5 += jump
        }
        for _ in 0..<run {
            // Into L2, not L1: the panel's own stream gains nothing from L1 (whole
            // network, switching per pass: the same time either way).
            prefetchIntoOuterCaches(b + prefetch)
            let b0 = b.loadUnaligned(as: V.self)
            let b1 = b.loadUnaligned(fromByteOffset: 32, as: V.self)
            accumulateRow(a0.pointee, b0, b1, &c00, &c01)
            if Height.rows > 1 { accumulateRow(a1.pointee, b0, b1, &c10, &c11) }
            if Height.rows > 2 { accumulateRow(a2.pointee, b0, b1, &c20, &c21) }
            if Height.rows > 3 { accumulateRow(a3.pointee, b0, b1, &c30, &c31) }
            if Height.rows > 4 { accumulateRow(a4.pointee, b0, b1, &c40, &c41) }
            if Height.rows > 5 { accumulateRow(a5.pointee, b0, b1, &c50, &c51) }
            a0 += 1
            a1 += 1
            a2 += 1
            a3 += 1
            a4 += 1
            a5 += 1
            b += 64
        }
    }
    return writeTile(
        c, ldc: ldc, rows: Height.rows, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu,
        (c00, c01), (c10, c11), (c20, c21), (c30, c31), (c40, c41), (c50, c51))
}

/// One row of a tile for one k step: its A value broadcast, two FMAs into its two
/// half-rows of accumulators (both kernels; inlined, so they stay in registers).
@inline(__always)
func accumulateRow(
    _ a: Float, _ b0: SIMD8<Float>, _ b1: SIMD8<Float>,
    _ low: inout SIMD8<Float>, _ high: inout SIMD8<Float>
) {
    let x = SIMD8<Float>(repeating: a)
    #if FUSED_MULTIPLY_ADD
    low = low.addingProduct(x, b0)
    high = high.addingProduct(x, b1)
    #else
    // Without FMA in the instruction set, addingProduct is a library call per lane
    // (about 100 times slower): a multiply and an add, rounded twice, instead.
    low += x * b0
    high += x * b1
    #endif
}

/// Stores 6 rows of 16: `acc (+ C when load) (+ bias, then ReLU when finish)`. When
/// `finish`, returns the sum of `x - x` over the first `rows` rows stored (0 while all
/// are finite, NaN once one is not), else 0.
@inline(__always)
func writeTile(
    _ c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int,
    load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool,
    _ r0: (SIMD8<Float>, SIMD8<Float>), _ r1: (SIMD8<Float>, SIMD8<Float>), _ r2: (SIMD8<Float>, SIMD8<Float>),
    _ r3: (SIMD8<Float>, SIMD8<Float>), _ r4: (SIMD8<Float>, SIMD8<Float>), _ r5: (SIMD8<Float>, SIMD8<Float>)
) -> Float {
    typealias V = SIMD8<Float>
    var finiteness = V()
    @inline(__always)
    func store(_ row: (V, V), _ index: Int) {
        let p = UnsafeMutableRawPointer(c + index * ldc)
        var (lo, hi) = row
        if load {
            lo += p.loadUnaligned(as: V.self)
            hi += p.loadUnaligned(fromByteOffset: 32, as: V.self)
        }
        if finish {
            lo += bias0
            hi += bias1
            if relu {
                // Not pointwiseMax: it is a scalar loop behind a call; this is one vmaxps.
                lo = lo.replacing(with: 0, where: lo .< 0)
                hi = hi.replacing(with: 0, where: hi .< 0)
            }
        }
        p.storeBytes(of: lo, as: V.self)
        p.storeBytes(of: hi, toByteOffset: 32, as: V.self)
        if finish && index < rows { finiteness += (lo - lo) + (hi - hi) }
    }
    store(r0, 0)
    store(r1, 1)
    store(r2, 2)
    store(r3, 3)
    store(r4, 4)
    store(r5, 5)
    return laneSum(finiteness)
}
