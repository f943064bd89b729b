import CProcessor
import TileKernels
import TileKernelsAVX512
import TileKernelsFMA

/// Which compilation of the tile kernels this process runs, chosen once from the CPU.
public enum TileCode: Sendable, CaseIterable {
    /// `TileKernelsAVX512`: the tiles written for 512-bit registers (x86-64 with AVX-512F).
    case wide
    /// `TileKernelsFMA`: AVX2 + FMA code generation (x86-64 with both; any arm64).
    case fused
    /// `TileKernels`: the same packed, blocked, threaded algorithm in Swift SIMD with
    /// no machine flags: a multiply and an add where FMA is missing.
    case portable

    /// The choice for this machine.
    public static let selected: TileCode = {
        #if arch(x86_64)
        if processor_has_avx512f() != 0 { return .wide }
        return processor_has_avx2_fma() != 0 ? .fused : .portable
        #else
        return .fused  // FMA is part of every arm64 processor; no machine flags are needed
        #endif
    }()

    /// The compilations this CPU can run (`selected` first): tests check each of them.
    public static let available: [TileCode] = {
        #if arch(x86_64)
        let fused = processor_has_avx2_fma() != 0
        let wide = processor_has_avx512f() != 0
        return (wide ? [.wide] : []) + (fused ? [.fused] : []) + [.portable]
        #else
        return [.fused, .portable]
        #endif
    }()

    /// Float lanes of one vector register in this compilation: 16 for AVX-512, else 8.
    public var lanes: Int { self == .wide ? 16 : 8 }

    /// One line saying which kernels run and why.
    public var description: String {
        switch self {
        case .wide:
            return "GEMM tiles: AVX-512 (this CPU has AVX-512F)"
        case .fused:
            #if arch(x86_64)
            return "GEMM tiles: AVX2 + FMA (this CPU has both)"
            #else
            return "GEMM tiles: fused multiply-add (Swift SIMD)"
            #endif
        case .portable:
            return "GEMM tiles: portable Swift SIMD, multiply then add (this CPU lacks AVX2 or FMA)"
        }
    }

    /// The finiteness sum of the values finished (`TileKernels.writeTile`). The AVX-512
    /// tiles compute all six rows of an edge tile (zero-padded), the others `height`.
    @inline(__always)
    func packedTile(
        height: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
    ) -> Float {
        switch self {
        case .wide:
            TileKernelsAVX512.Tiles.packedTile(
                kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish,
                bias: SIMD16(lowHalf: bias0, highHalf: bias1), relu: relu)
        case .fused:
            TileKernelsFMA.Tiles.packedTile(
                height: height, kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        case .portable:
            TileKernels.Tiles.packedTile(
                height: height, kc: kc, a: a, b: b, c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        }
    }

    /// The finiteness sum of the values finished, as `packedTile`.
    @inline(__always)
    func inPlaceTile(
        height: Int, kc: Int, run: Int, jump: Int,
        rows: TileKernels.TileRows,
        b: UnsafePointer<Float>,
        c: UnsafeMutablePointer<Float>, ldc: Int, prefetch: Int,
        load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool
    ) -> Float {
        switch self {
        case .wide:
            TileKernelsAVX512.Tiles.inPlaceTile(
                height: height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
                load: load, finish: finish, bias: SIMD16(lowHalf: bias0, highHalf: bias1), relu: relu)
        case .fused:
            TileKernelsFMA.Tiles.inPlaceTile(
                height: height, kc: kc, run: run, jump: jump, rows: rows, b: b,
                c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        case .portable:
            TileKernels.Tiles.inPlaceTile(
                height: height, kc: kc, run: run, jump: jump, rows: rows, b: b,
                c: c, ldc: ldc, prefetch: prefetch, load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
        }
    }

    /// `Tiles.residualWriteOut` of this compilation: the finiteness sum of the values written.
    @inline(__always)
    func residualWriteOut(
        up: UnsafePointer<Float>, ldu: Int, shortcut: UnsafePointer<Float>, ld: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, height: Int, width: Int, scale: Float, relu: Bool
    ) -> Float {
        switch self {
        case .wide:
            TileKernelsAVX512.Tiles.residualWriteOut(
                up: up, ldu: ldu, shortcut: shortcut, ld: ld, c: c, ldc: ldc, height: height, width: width, scale: scale, relu: relu)
        case .fused:
            TileKernelsFMA.Tiles.residualWriteOut(
                up: up, ldu: ldu, shortcut: shortcut, ld: ld, c: c, ldc: ldc, height: height, width: width, scale: scale, relu: relu)
        case .portable:
            TileKernels.Tiles.residualWriteOut(
                up: up, ldu: ldu, shortcut: shortcut, ld: ld, c: c, ldc: ldc, height: height, width: width, scale: scale, relu: relu)
        }
    }

    /// `Tiles.multiplyAddChains` of this compilation.
    func multiplyAddChains(steps: Int) -> Float {
        switch self {
        case .wide: TileKernelsAVX512.Tiles.multiplyAddChains(steps: steps)
        case .fused: TileKernelsFMA.Tiles.multiplyAddChains(steps: steps)
        case .portable: TileKernels.Tiles.multiplyAddChains(steps: steps)
        }
    }
}
