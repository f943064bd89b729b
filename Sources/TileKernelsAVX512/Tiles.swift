/// The 512-bit tile kernels as plain public functions, with the same arguments as
/// `TileKernels.Tiles` (bias as one 16-float vector): `GEMM` calls them where the CPU has
/// AVX-512F (`TileCode.wide`).
public enum Tiles {
    /// A tile from a packed A micro-panel and a packed B panel (`wideKernel6x16`).
    public static func packedTile(
        kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
    ) {
        wideKernel6x16(kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias: bias, relu: relu)
    }

    /// A tile of `height` rows (1 to 6) read in place, B packed beforehand (`wideKernel6x16Rows`).
    public static func inPlaceTile(
        height: Int, kc: Int, run: Int, jump: Int,
        rows: (
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
        ),
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
    ) {
        func kernel<Height: WideTileHeight>(_ height: Height.Type) {
            wideKernel6x16Rows(
                height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
                load: load, finish: finish, bias: bias, relu: relu)
        }
        switch height {
        case 1: kernel(WideOneRow.self)
        case 2: kernel(WideTwoRows.self)
        case 3: kernel(WideThreeRows.self)
        case 4: kernel(WideFourRows.self)
        case 5: kernel(WideFiveRows.self)
        default: kernel(WideSixRows.self)
        }
    }

    /// 12 independent chains of 512-bit multiply-adds, `steps` long, no memory traffic:
    /// the peak of this code generation (`FMAPeak`).
    @inline(never)
    public static func multiplyAddChains(steps: Int) -> Float {
        let x = SIMD16<Float>(repeating: 0.999_999)
        let y = SIMD16<Float>(repeating: 1e-7)
        var chains = [SIMD16<Float>](repeating: SIMD16(repeating: 1), count: 12)
        chains.withUnsafeMutableBufferPointer { c in
            var (a0, a1, a2, a3, a4, a5) = (c[0], c[1], c[2], c[3], c[4], c[5])
            var (a6, a7, a8, a9, a10, a11) = (c[6], c[7], c[8], c[9], c[10], c[11])
            for _ in 0..<steps {
                a0 = a0.addingProduct(x, y)
                a1 = a1.addingProduct(x, y)
                a2 = a2.addingProduct(x, y)
                a3 = a3.addingProduct(x, y)
                a4 = a4.addingProduct(x, y)
                a5 = a5.addingProduct(x, y)
                a6 = a6.addingProduct(x, y)
                a7 = a7.addingProduct(x, y)
                a8 = a8.addingProduct(x, y)
                a9 = a9.addingProduct(x, y)
                a10 = a10.addingProduct(x, y)
                a11 = a11.addingProduct(x, y)
            }
            c[0] = (a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)
        }
        return chains[0].sum()
    }
}
