/// The 512-bit tile kernels as plain public functions, with the same arguments as
/// `TileKernels.Tiles` (bias as one 16-float vector) and the same result: `GEMM` calls them where the CPU has
/// AVX-512F (`TileCode.wide`).
public enum Tiles {
    /// A tile from a packed A micro-panel and a packed B panel (`wideKernel6x16`).
    @discardableResult
    public static func packedTile(
        kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
    ) -> Float {
        wideKernel6x16(kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias: bias, relu: relu)
    }

    /// A tile of `height` rows (1 to 6) read in place, B packed beforehand (`wideKernel6x16Rows`).
    @discardableResult
    public static func inPlaceTile(
        height: Int, kc: Int, run: Int, jump: Int,
        rows: (
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
        ),
        b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias: SIMD16<Float>, relu: Bool
    ) -> Float {
        func kernel<Height: WideTileHeight>(_ height: Height.Type) -> Float {
            wideKernel6x16Rows(
                height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
                load: load, finish: finish, bias: bias, relu: relu)
        }
        switch height {
        case 1: return kernel(WideOneRow.self)
        case 2: return kernel(WideTwoRows.self)
        case 3: return kernel(WideThreeRows.self)
        case 4: return kernel(WideFourRows.self)
        case 5: return kernel(WideFiveRows.self)
        default: return kernel(WideSixRows.self)
        }
    }

    /// 12 independent chains of 512-bit multiply-adds (two sets of six rows, as in the
    /// tiles), `steps` long, no memory traffic: the peak of this code generation (`FMAPeak`).
    @inline(never)
    public static func multiplyAddChains(steps: Int) -> Float {
        let x = [Float](repeating: 0.999_999, count: 6)
        let y = SIMD16<Float>(repeating: 1e-7)
        var even = WideRows(repeating: 1)
        var odd = WideRows(repeating: 1)
        x.withUnsafeBufferPointer { x in
            let a = RowPointers(packed: x.baseAddress!)
            for _ in 0..<steps {
                even.accumulate(6, a, at: 0, y)
                odd.accumulate(6, a, at: 0, y)
            }
        }
        even.add(odd)
        return even.sum
    }
}
