/// The tile kernels of this module's code generation, as plain public functions: `GEMM`
/// calls these for one 6 x 16 tile at a time (an edge tile, or every tile of the AVX-512
/// code; whole tiles go down a panel in one call: `Columns.swift`), with every generic
/// specialisation made here. Each returns the finiteness sum of the values it finished
/// (`writeTile`).
/// Compiled twice with `MicroKernel.swift`; see there.
public enum Tiles {
    /// A tile of `height` rows (1 to 6) from a packed A micro-panel (six rows, zero-padded)
    /// and a packed B panel (`microKernel6x16`): an edge tile multiplies its own rows only.
    @discardableResult
    public static func packedTile(
        height: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
    ) -> Float {
        func kernel<Height: TileHeight>(_ height: Height.Type) -> Float {
            microKernel6x16(
                height, kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        }
        switch height {
        case 1: return kernel(OneRow.self)
        case 2: return kernel(TwoRows.self)
        case 3: return kernel(ThreeRows.self)
        case 4: return kernel(FourRows.self)
        case 5: return kernel(FiveRows.self)
        default: return kernel(SixRows.self)
        }
    }

    /// A tile of `height` rows (1 to 6) read in place, B packed beforehand
    /// (`microKernel6x16Rows`).
    @discardableResult
    public static func inPlaceTile(
        height: Int, kc: Int, run: Int, jump: Int,
        rows: TileRows,
        b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
    ) -> Float {
        func kernel<Height: TileHeight>(_ height: Height.Type) -> Float {
            microKernel6x16Rows(
                height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
                load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        }
        switch height {
        case 1: return kernel(OneRow.self)
        case 2: return kernel(TwoRows.self)
        case 3: return kernel(ThreeRows.self)
        case 4: return kernel(FourRows.self)
        case 5: return kernel(FiveRows.self)
        default: return kernel(SixRows.self)
        }
    }

    /// 12 independent chains of multiply-adds, `steps` long, no memory traffic: the
    /// machine's peak for this code generation (`FMAPeak`).
    @inline(never)
    public static func multiplyAddChains(steps: Int) -> Float {
        typealias V = SIMD8<Float>
        let x = V(repeating: 0.999_999)
        let y = V(repeating: 1e-7)
        let one = V(repeating: 1)
        var (a0, a1, a2, a3, a4, a5) = (one, one, one, one, one, one)
        var (a6, a7, a8, a9, a10, a11) = (one, one, one, one, one, one)
        // One multiply-add per chain and step: fused where this module is compiled for it.
        @inline(__always) func step(_ accumulator: V) -> V {
            #if FUSED_MULTIPLY_ADD
            accumulator.addingProduct(x, y)
            #else
            accumulator + x * y
            #endif
        }
        for _ in 0..<steps {
            (a0, a1, a2, a3, a4, a5) = (step(a0), step(a1), step(a2), step(a3), step(a4), step(a5))
            (a6, a7, a8, a9, a10, a11) = (step(a6), step(a7), step(a8), step(a9), step(a10), step(a11))
        }
        return ((a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)).sum()
    }

    /// Whether this module was compiled with fused multiply-adds.
    public static var fused: Bool {
        #if FUSED_MULTIPLY_ADD
        true
        #else
        false
        #endif
    }
}
