import CPrefetch

/// The 6 x 16 tile of `TileKernels`, written for 512-bit registers: compiled with AVX-512
/// code generation on x86-64 (`Package.swift`), used only where the CPU has AVX-512F
/// (`TileCode`). Same packing, same arguments, same write-out as `microKernel6x16`.
///
/// One row of the tile is one `SIMD16<Float>` (a zmm register), so a k step is one B load,
/// 6 broadcasts and 6 fused multiply-adds, twice the work of an AVX2 instruction each. Six
/// accumulators are too few chains to keep both FMA pipes busy (each FMA waits for the one
/// before it on its row), so the even and the odd k steps accumulate apart, 12 chains in
/// all, and are added at the end: the sum is the same up to float32 rounding.
@inline(__always)
func wideKernel6x16(
    kc: Int,
    a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
) -> Float {
    typealias W = SIMD16<Float>
    var even = WideRows()
    var odd = WideRows()
    var a = a
    var b = UnsafeRawPointer(b)
    // The C tile is read (or written) only after the loop; ask for its lines now.
    for row in 0..<6 { prefetchForRead(c + row * ldc) }
    var step = 0
    while step + 1 < kc {
        prefetchForRead(b + prefetch)
        prefetchForRead(b + prefetch + 64)
        even.accumulate(6, RowPointers(packed: a), at: 0, b.loadUnaligned(as: W.self))
        odd.accumulate(6, RowPointers(packed: a + 6), at: 0, b.loadUnaligned(fromByteOffset: 64, as: W.self))
        a += 12
        b += 128
        step += 2
    }
    if step < kc {
        even.accumulate(6, RowPointers(packed: a), at: 0, b.loadUnaligned(as: W.self))
    }
    even.add(odd)
    return even.write(to: c, ldc: ldc, rows: 6, load: load, finish: finish, bias: bias, relu: relu)
}

/// The in-place tile (`microKernel6x16Rows`, B packed beforehand) for 512-bit registers:
/// `Height.rows` rows of A read where they are, `kc / run` runs of `run` floats each
/// `jump` floats apart; even and odd steps of each run accumulate apart, as above.
@inline(__always)
func wideKernel6x16Rows<Height: WideTileHeight>(
    _ height: Height.Type, kc: Int, run: Int, jump: Int,
    rows: (
        UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
        UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
    ),
    b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
    load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
) -> Float {
    typealias W = SIMD16<Float>
    let height = Height.rows
    var even = WideRows()
    var odd = WideRows()
    var a = RowPointers(rows)
    var b = UnsafeRawPointer(b)
    for runIndex in 0..<(kc / run) {
        if runIndex > 0 { a.advance(by: jump) }
        var step = 0
        while step + 1 < run {
            // Into L2, as the AVX2 tile does (`microKernel6x16Rows`).
            prefetchIntoOuterCaches(b + prefetch)
            prefetchIntoOuterCaches(b + prefetch + 64)
            even.accumulate(height, a, at: 0, b.loadUnaligned(as: W.self))
            odd.accumulate(height, a, at: 1, b.loadUnaligned(fromByteOffset: 64, as: W.self))
            a.advance(by: 2)
            b += 128
            step += 2
        }
        if step < run {
            prefetchIntoOuterCaches(b + prefetch)
            even.accumulate(height, a, at: 0, b.loadUnaligned(as: W.self))
            a.advance(by: 1)
            b += 64
        }
    }
    even.add(odd)
    return even.write(to: c, ldc: ldc, rows: height, load: load, finish: finish, bias: bias, relu: relu)
}

/// The number of rows of an in-place tile, as a type, so that each height is its own
/// specialised loop (see `TileHeight` in `TileKernels`).
protocol WideTileHeight { static var rows: Int { get } }
enum WideOneRow: WideTileHeight { static var rows: Int { 1 } }
enum WideTwoRows: WideTileHeight { static var rows: Int { 2 } }
enum WideThreeRows: WideTileHeight { static var rows: Int { 3 } }
enum WideFourRows: WideTileHeight { static var rows: Int { 4 } }
enum WideFiveRows: WideTileHeight { static var rows: Int { 5 } }
enum WideSixRows: WideTileHeight { static var rows: Int { 6 } }

/// Where a tile's six rows of A are read: six rows in place, or one packed k step (six
/// consecutive floats, `init(packed:)`).
struct RowPointers {
    var p0: UnsafePointer<Float>, p1: UnsafePointer<Float>, p2: UnsafePointer<Float>
    var p3: UnsafePointer<Float>, p4: UnsafePointer<Float>, p5: UnsafePointer<Float>

    @inline(__always)
    init(
        _ rows: (
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
        )
    ) {
        (p0, p1, p2, p3, p4, p5) = rows
    }

    /// Row `i` of a packed micro-panel's k step at `a` is `a[i]`.
    @inline(__always)
    init(packed a: UnsafePointer<Float>) {
        (p0, p1, p2, p3, p4, p5) = (a, a + 1, a + 2, a + 3, a + 4, a + 5)
    }

    /// Every row `count` floats further on.
    @inline(__always)
    mutating func advance(by count: Int) {
        p0 += count
        p1 += count
        p2 += count
        p3 += count
        p4 += count
        p5 += count
    }
}

/// Six accumulator rows of 16 floats (kept in registers once inlined).
struct WideRows {
    var r0: SIMD16<Float>, r1: SIMD16<Float>, r2: SIMD16<Float>
    var r3: SIMD16<Float>, r4: SIMD16<Float>, r5: SIMD16<Float>

    /// Every lane of every row `value` (zero for a tile's accumulators).
    @inline(__always)
    init(repeating value: Float = 0) {
        let v = SIMD16<Float>(repeating: value)
        (r0, r1, r2, r3, r4, r5) = (v, v, v, v, v, v)
    }

    /// All lanes of all rows, added.
    var sum: Float { ((r0 + r1) + (r2 + r3) + (r4 + r5)).sum() }

    /// One k step of the first `height` rows: `r_i += a_i[offset] * b`.
    @inline(__always)
    mutating func accumulate(_ height: Int, _ a: RowPointers, at offset: Int, _ b: SIMD16<Float>) {
        r0 = r0.addingProduct(SIMD16(repeating: a.p0[offset]), b)
        if height > 1 { r1 = r1.addingProduct(SIMD16(repeating: a.p1[offset]), b) }
        if height > 2 { r2 = r2.addingProduct(SIMD16(repeating: a.p2[offset]), b) }
        if height > 3 { r3 = r3.addingProduct(SIMD16(repeating: a.p3[offset]), b) }
        if height > 4 { r4 = r4.addingProduct(SIMD16(repeating: a.p4[offset]), b) }
        if height > 5 { r5 = r5.addingProduct(SIMD16(repeating: a.p5[offset]), b) }
    }

    @inline(__always)
    mutating func add(_ other: WideRows) {
        r0 += other.r0
        r1 += other.r1
        r2 += other.r2
        r3 += other.r3
        r4 += other.r4
        r5 += other.r5
    }

    /// Stores `rows` rows (the caller's tile has room for 6): `acc (+ C when load)
    /// (+ bias, then ReLU when finish)`, and returns their finiteness sum, as `writeTile`
    /// in `TileKernels`.
    @inline(__always)
    func write(to c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool) -> Float {
        var finiteness = SIMD16<Float>()
        @inline(__always)
        func store(_ value: SIMD16<Float>, _ index: Int) {
            let p = UnsafeMutableRawPointer(c + index * ldc)
            var v = value
            if load { v += p.loadUnaligned(as: SIMD16<Float>.self) }
            if finish {
                v += bias
                if relu { v = v.replacing(with: 0, where: v .< 0) }
            }
            p.storeBytes(of: v, as: SIMD16<Float>.self)
            if finish { finiteness += v - v }
        }
        store(r0, 0)
        if rows > 1 { store(r1, 1) }
        if rows > 2 { store(r2, 2) }
        if rows > 3 { store(r3, 3) }
        if rows > 4 { store(r4, 4) }
        if rows > 5 { store(r5, 5) }
        return finiteness.sum()
    }
}
