import GEMM
import TestSupport
import Testing

/// A convolution's windows read in place must give what the same windows copied out
/// (im2col, built here by plain index arithmetic) give through the float64 reference.
@Suite("Implicit GEMM: convolution windows read in place")
struct ImplicitGEMMTests {
    /// (map height, width, channels, kernel h, w, stride h, w, cout): one row block and
    /// several (M past the in-place limit of 320), kernel rows shorter and longer than kc = 512 (so
    /// K blocks of several kernel rows, and rows cut in blocks), 1xn, nx1 and strided
    /// windows, cout off multiples of 16.
    static let cases: [(h: Int, w: Int, c: Int, kh: Int, kw: Int, sh: Int, sw: Int, n: Int)] = [
        (8, 8, 20, 3, 3, 1, 1, 33),  // M 36: one row block
        (8, 8, 40, 1, 7, 1, 1, 16),  // 1x7, rows of 280 > kc
        (10, 6, 24, 7, 1, 1, 1, 20),  // 7x1
        (19, 17, 12, 3, 3, 2, 2, 40),  // strided, M 72
        (31, 29, 16, 3, 3, 1, 1, 17),  // M 783: several row blocks, packed A
        (15, 15, 100, 3, 3, 2, 1, 48),  // rows of 300, mixed strides
        (5, 5, 70, 5, 5, 1, 1, 8),  // the window is the whole map: M = 1
        (23, 23, 48, 5, 5, 1, 1, 70),  // M 361, packed A (N > 64): rows of 240 grouped 1 + 2 + 2
        (20, 20, 200, 3, 3, 1, 1, 80),  // M 324, packed A: rows of 600, each cut in two
        (21, 21, 48, 5, 5, 1, 1, 40),  // M 289, A in place (N <= 64): the same five rows
        (9, 9, 13, 3, 3, 1, 1, 21),  // M 49, kernel rows of 39: an odd run (the 512-bit tile pairs k steps)
        (25, 25, 32, 3, 3, 1, 1, 32),  // M 529, A in place across whole panels (the stem's 3x3s on 32 channels)
    ]

    @Test("C = windows * B + bias, then ReLU", arguments: cases.indices)
    func windows(index: Int) {
        let t = Self.cases[index]
        let (oh, ow) = ((t.h - t.kh) / t.sh + 1, (t.w - t.kw) / t.sw + 1)
        let m = oh * ow
        let k = t.kh * t.kw * t.c
        var random = SeededFloats(seed: UInt64(100 + index))
        let map = random.array(t.h * t.w * t.c)
        let b = random.array(k * t.n)
        let bias = random.array(t.n)
        // im2col by hand: row oy * ow + ox is the window of (oy, ox) in HWC order.
        var columns = [Float](repeating: 0, count: m * k)
        for oy in 0..<oh {
            for ox in 0..<ow {
                for ky in 0..<t.kh {
                    for kx in 0..<t.kw {
                        for ch in 0..<t.c {
                            columns[(oy * ow + ox) * k + (ky * t.kw + kx) * t.c + ch] =
                                map[((oy * t.sh + ky) * t.w + ox * t.sw + kx) * t.c + ch]
                        }
                    }
                }
            }
        }
        let packed = PackedMatrix.packing(k: k, n: t.n, scalars: b)
        for threads in [1, 2] {
            for code in TileCode.available {
                var c = [Float](repeating: .nan, count: m * t.n)
                map.withUnsafeBufferPointer { map in
                    bias.withUnsafeBufferPointer { bias in
                        c.withUnsafeMutableBufferPointer { c in
                            let windows = ConvolutionWindows(
                                map: map.baseAddress!, width: t.w, channels: t.c, kernelWidth: t.kw,
                                strideHeight: t.sh, strideWidth: t.sw, outputWidth: ow)
                            FastGEMM(threads: threads, tileCode: code).multiply(
                                m: m, windows: windows, b: packed, c: c.baseAddress!, ldc: t.n,
                                bias: bias.baseAddress, relu: true)
                        }
                    }
                }
                let violation = firstViolation(
                    m: m, n: t.n, k: k, a: columns, lda: k, b: b, ldb: t.n, c0: nil, c: c, ldc: t.n,
                    bias: bias, relu: true)
                #expect(violation == nil, "case \(index) threads \(threads) \(code): \(violation ?? "")")
            }
        }
    }
}
