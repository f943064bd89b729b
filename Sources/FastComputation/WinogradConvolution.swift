import GEMM
import NetworkModel
import Tensors

/// A 3x3 stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin and
/// Gray, "Fast Algorithms for Convolutional Neural Networks", 2016): each 2x2 block of
/// outputs comes from a 4x4 tile of inputs with 16 multiplies per channel pair instead
/// of 36, as 16 independent GEMMs `V_xi (tiles, cin) x U_xi (cin, cout)`.
///
/// - weights, once at load: `U = G g G^T` (4x4 per input/output channel pair);
/// - input: `V = B^T d B` per 4x4 tile `d` (tiles 2 apart, over the zero-padded map);
/// - output: `Y = A^T M A` (2x2 per tile) + bias, then ReLU, cropped to the map.
///
/// The transforms only add, subtract and halve, so the result is the direct
/// convolution's up to float32 rounding of those few extra operations.
struct WinogradConvolution: Sendable {
    /// `U_xi`, xi = 4 * row + column of the 4x4 transform, each `(cin, cout)` packed.
    let transformed: [PackedMatrix]
    let bias: [Float]
    let relu: Bool
    let channels: Int
    let outputs: Int

    /// Which convolutions take this path: 3x3, stride 1, channels in multiples of 8
    /// (the transforms run 8 channels at a time), and enough work per transformed
    /// element: at least 64 input channels. With 32 or 48, the transformed tiles cost
    /// more memory traffic than the multiplies save, and the windows read in place are
    /// faster on every map of this network: the stem's (Conv2d_2b_3x3 at 160: 2.2
    /// against 3.3 ms) and Block35's (its three 3x3s at 299: 11.6 against 13.7 ms)
    /// (measurements: BENCHMARKS.md).
    static func applies(to entry: LedgerEntry) -> Bool {
        guard case .convolution(let conv) = entry.layer.op else { return false }
        let window = entry.window ?? conv.window
        let cin = entry.input.dims[2]
        let cout = entry.output.dims[2]
        return window.kernel == Size2(3, 3) && window.stride == Size2(1, 1) && !window.isDilated
            && cin % 8 == 0 && cout % 8 == 0
            && cin >= 64
    }

    /// `folded`: HWIO weights `(9 * channels, cout)`, batch norm folded in.
    init(_ folded: FoldedLinear.Folded, channels: Int) {
        precondition(folded.k == 9 * channels, "a 3x3 convolution over \(channels) channels has \(9 * channels) weight rows, got \(folded.k)")
        let cout = folded.n
        var u = [[Float]](repeating: [Float](repeating: 0, count: channels * cout), count: 16)
        folded.weights.withUnsafeBufferPointer { w in
            for c in 0..<channels {
                for j in 0..<cout {
                    // g[ky][kx] = w[(ky * 3 + kx) * channels + c][j]
                    @inline(__always) func g(_ ky: Int, _ kx: Int) -> Float { w[((ky * 3 + kx) * channels + c) * cout + j] }
                    // G g, one column kx at a time: g0, (g0+g1+g2)/2, (g0-g1+g2)/2, g2.
                    @inline(__always) func gColumn(_ kx: Int) -> (Float, Float, Float, Float) {
                        let (g0, g1, g2) = (g(0, kx), g(1, kx), g(2, kx))
                        return (g0, (g0 + g1 + g2) * 0.5, (g0 - g1 + g2) * 0.5, g2)
                    }
                    let (t0, t1, t2) = (gColumn(0), gColumn(1), gColumn(2))
                    // (G g) G^T, row by row: the same combination along kx.
                    @inline(__always) func store(_ r: Int, _ x0: Float, _ x1: Float, _ x2: Float) {
                        u[4 * r][c * cout + j] = x0
                        u[4 * r + 1][c * cout + j] = (x0 + x1 + x2) * 0.5
                        u[4 * r + 2][c * cout + j] = (x0 - x1 + x2) * 0.5
                        u[4 * r + 3][c * cout + j] = x2
                    }
                    store(0, t0.0, t1.0, t2.0)
                    store(1, t0.1, t1.1, t2.1)
                    store(2, t0.2, t1.2, t2.2)
                    store(3, t0.3, t1.3, t2.3)
                }
            }
        }
        transformed = u.map { PackedMatrix.packing(k: channels, n: cout, scalars: $0) }
        bias = folded.bias
        relu = folded.relu
        self.channels = channels
        outputs = cout
    }

    /// `input` `[1, h, w, channels]` padded by `pad` (TensorFlow's split) to `output`
    /// `(oh, ow, cout)`; returns `[1, oh, ow, cout]`, and whether every value of it is
    /// finite (looked at as the output transform writes it).
    func apply(_ input: Tensor, pad: SidePadding, output: Shape) -> (output: Tensor, allFinite: Bool) {
        let (h, w, cin) = (input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow, cout) = (output.dims[0], output.dims[1], outputs)
        precondition(cin == channels, "Winograd convolution over \(channels) channels given \(cin)")
        // Tiles of 2x2 outputs; the padded map covers every tile's 4x4 inputs (one
        // extra zero row/column when the output side is odd).
        let (tilesHigh, tilesWide) = ((oh + 1) / 2, (ow + 1) / 2)
        let tiles = tilesHigh * tilesWide
        let (ph, pw) = (2 * tilesHigh + 2, 2 * tilesWide + 2)
        let map = UnsafeMutablePointer<Float>.allocate(capacity: ph * pw * cin)
        let v = UnsafeMutablePointer<Float>.allocate(capacity: 16 * tiles * cin)
        let m = UnsafeMutablePointer<Float>.allocate(capacity: 16 * tiles * cout)
        defer {
            map.deallocate()
            v.deallocate()
            m.deallocate()
        }
        input.scalars.withUnsafeBufferPointer { x in
            FastOps.zeroPad(
                x.baseAddress!, height: h, width: w, channels: cin,
                pad: SidePadding(top: pad.top, bottom: ph - h - pad.top, left: pad.left, right: pw - w - pad.left), into: map)
        }
        let (source, transformedInput, products) = (SharedReadPointer(pointer: map), SharedPointer(pointer: v), SharedPointer(pointer: m))
        FastOps.parallelChunks(tiles, elements: 16 * tiles * cin) { range in
            for tile in range {
                let (ty, tx) = (tile / tilesWide, tile % tilesWide)
                let corner = source.pointer + (2 * ty * pw + 2 * tx) * cin
                Self.transformInput(
                    corner, rowStride: pw * cin, channels: cin,
                    into: transformedInput.pointer + tile * cin, xiStride: tiles * cin)
            }
        }
        multiplyWinogradPoints(transformed, tiles: tiles, input: transformedInput, channels: cin, into: products, outputs: cout)
        let wroteNonFinite = NonFiniteFlag()
        let scalars = [Float](unsafeUninitializedCapacity: oh * ow * cout) { out, count in
            bias.withUnsafeBufferPointer { bias in
                let (destination, biasPointer) = (SharedPointer(pointer: out.baseAddress!), SharedReadPointer(pointer: bias.baseAddress!))
                FastOps.parallelChunks(tiles, elements: 16 * tiles * cout) { range in
                    var written = FiniteSum()
                    for tile in range {
                        let (ty, tx) = (tile / tilesWide, tile % tilesWide)
                        written.add(
                            Self.transformOutput(
                                products.pointer + tile * cout, xiStride: tiles * cout, channels: cout,
                                bias: biasPointer.pointer, relu: relu,
                                into: destination.pointer + (2 * ty * ow + 2 * tx) * cout, rowStride: ow * cout,
                                rows: min(2, oh - 2 * ty), columns: min(2, ow - 2 * tx)))
                    }
                    if !written.isFinite { wroteNonFinite.set() }
                }
            }
            count = oh * ow * cout
        }
        return (Tensor(shape: [1, oh, ow, cout], scalars: scalars), !wroteNonFinite.isSet)
    }

    /// Four vectors of 8 channels: a row or column of a 4x4 tile.
    typealias Four = (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

    /// `B^T x` for one column (or `x B` for one row) of four: `x0 - x2, x1 + x2, x2 - x1, x1 - x3`.
    @inline(__always)
    static func bt(_ x: Four) -> Four { (x.0 - x.2, x.1 + x.2, x.2 - x.1, x.1 - x.3) }

    /// `A^T x` for one column (or `x A` for one row) of four: `x0 + x1 + x2, x1 - x2 - x3`.
    @inline(__always)
    static func at(_ x: Four) -> (SIMD8<Float>, SIMD8<Float>) { (x.0 + x.1 + x.2, x.1 - x.2 - x.3) }

    /// The 4x4 tile whose row `r` starts at `start + r * rowStride` and whose columns are
    /// `step` floats apart, 8 channels each, read column by column (column `j` holds rows 0...3).
    @inline(__always)
    static func columns(_ start: UnsafePointer<Float>, rowStride: Int, step: Int) -> (Four, Four, Four, Four) {
        typealias V = SIMD8<Float>
        @inline(__always) func column(_ j: Int) -> Four {
            let p = UnsafeRawPointer(start + j * step)
            let rowBytes = rowStride * 4
            return (
                p.loadUnaligned(as: V.self), p.loadUnaligned(fromByteOffset: rowBytes, as: V.self),
                p.loadUnaligned(fromByteOffset: 2 * rowBytes, as: V.self), p.loadUnaligned(fromByteOffset: 3 * rowBytes, as: V.self)
            )
        }
        return (column(0), column(1), column(2), column(3))
    }

    /// `V = B^T d B` for the 4x4 tile at `corner`, 8 channels at a time; `V_xi` goes to
    /// `out + xi * xiStride`.
    @inline(__always)
    static func transformInput(
        _ corner: UnsafePointer<Float>, rowStride: Int, channels: Int,
        into out: UnsafeMutablePointer<Float>, xiStride: Int
    ) {
        typealias V = SIMD8<Float>
        for c in stride(from: 0, to: channels, by: 8) {
            let d = columns(corner + c, rowStride: rowStride, step: channels)
            // B^T d, column by column.
            let (c0, c1, c2, c3) = (bt(d.0), bt(d.1), bt(d.2), bt(d.3))
            // (B^T d) B, row by row.
            @inline(__always) func store(_ r: Int, _ v: Four) {
                let base = out + 4 * r * xiStride + c
                UnsafeMutableRawPointer(base).storeBytes(of: v.0, as: V.self)
                UnsafeMutableRawPointer(base + xiStride).storeBytes(of: v.1, as: V.self)
                UnsafeMutableRawPointer(base + 2 * xiStride).storeBytes(of: v.2, as: V.self)
                UnsafeMutableRawPointer(base + 3 * xiStride).storeBytes(of: v.3, as: V.self)
            }
            store(0, bt((c0.0, c1.0, c2.0, c3.0)))
            store(1, bt((c0.1, c1.1, c2.1, c3.1)))
            store(2, bt((c0.2, c1.2, c2.2, c3.2)))
            store(3, bt((c0.3, c1.3, c2.3, c3.3)))
        }
    }

    /// `Y = A^T M A` + bias (then ReLU) for one tile, written where it lies in the map
    /// (`rows` x `columns` of its 2x2 outputs lie inside). Returns the sum of `y - y`
    /// over the values stored (0 while all are finite, NaN once one is not).
    @inline(__always)
    static func transformOutput(
        _ products: UnsafePointer<Float>, xiStride: Int, channels: Int,
        bias: UnsafePointer<Float>, relu: Bool,
        into out: UnsafeMutablePointer<Float>, rowStride: Int, rows: Int, columns: Int
    ) -> Float {
        typealias V = SIMD8<Float>
        // `y - y` of every value stored, summed: 0 while all are finite, NaN once one is not.
        var finiteness = V()
        for c in stride(from: 0, to: channels, by: 8) {
            // M_xi lies at xi * xiStride, xi = 4 * row + column.
            let m = Self.columns(products + c, rowStride: 4 * xiStride, step: xiStride)
            // A^T M, column by column.
            let (c0, c1, c2, c3) = (at(m.0), at(m.1), at(m.2), at(m.3))
            let b = UnsafeRawPointer(bias + c).loadUnaligned(as: V.self)
            @inline(__always) func store(_ r: Int, _ s: Int, _ value: V) {
                var y = value + b
                if relu { y = y.replacing(with: 0, where: y .< 0) }
                UnsafeMutableRawPointer(out + r * rowStride + s * channels + c).storeBytes(of: y, as: V.self)
                finiteness += y - y
            }
            // (A^T M) A, row by row.
            let y0 = at((c0.0, c1.0, c2.0, c3.0))
            store(0, 0, y0.0)
            if columns > 1 { store(0, 1, y0.1) }
            if rows > 1 {
                let y1 = at((c0.1, c1.1, c2.1, c3.1))
                store(1, 0, y1.0)
                if columns > 1 { store(1, 1, y1.1) }
            }
        }
        return finiteness.sum()
    }
}
