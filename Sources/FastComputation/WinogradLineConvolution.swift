import GEMM
import NetworkModel
import Tensors

/// A 1x7 or 7x1 stride-1 convolution by Winograd's minimal filtering F(2, 7) along its
/// long axis (Lavin and Gray 2016; Toom-Cook on the points 0, 1, -1, 2, -2, 1/2, -1/2 and
/// infinity): each two neighbouring outputs along that axis come from eight inputs with
/// 8 multiplies per channel pair instead of 14, as 8 independent GEMMs
/// `V_j (tiles, cin) x U_j (cin, cout)`.
///
/// - weights, once at load: `U = G g` (8 per input/output channel pair);
/// - input: `V = B^T d` per run `d` of 8 cells along the axis (runs 2 apart);
/// - output: `Y = A^T M` (2 per run) + bias, then ReLU, cropped to the map.
struct WinogradLineConvolution: Sendable {
    enum Axis: Sendable { case width, height }

    static let outputsPerTile = 2
    static let taps = 7
    static let points = outputsPerTile + taps - 1
    /// The finite interpolation points; the last point is infinity.
    static let finitePoints: [Double] = [0, 1, -1, 2, -2, 0.5, -0.5]

    let axis: Axis
    /// `U_j`, each `(cin, cout)` packed.
    let transformed: [PackedMatrix]
    let bias: [Float]
    let relu: Bool
    let channels: Int
    let outputs: Int

    /// Fewer tiles than this (each of the eight GEMMs' rows) and the direct path is as fast:
    /// alternated passes, Block17's 1x7s and 7x1s together at 160 (8x8 maps, 32 tiles)
    /// within 1-2% either way, at 220 (12x12, 72 tiles) 2% faster, at 260 (14x14, 98) 10%,
    /// at 299 (17x17, 153) 12-23% (measurements: BENCHMARKS.md).
    static let minimumTiles = 64

    /// Which convolutions take this path, and along which axis: 1x7 or 7x1, stride 1,
    /// undilated, padded along the kernel only, channels in multiples of 8 (the transforms
    /// run 8 channels at a time), and at least `minimumTiles` tiles.
    static func axis(of entry: LedgerEntry) -> Axis? {
        guard case .convolution(let conv) = entry.layer.op else { return nil }
        let window = entry.window ?? conv.window
        guard window.stride == Size2(1, 1), !window.isDilated, entry.input.dims[2] % 8 == 0, entry.output.dims[2] % 8 == 0 else {
            return nil
        }
        let (oh, ow) = (entry.output.dims[0], entry.output.dims[1])
        switch window.kernel {
        case Size2(1, taps) where entry.pad.top + entry.pad.bottom == 0 && oh * ((ow + 1) / 2) >= minimumTiles: return .width
        case Size2(taps, 1) where entry.pad.left + entry.pad.right == 0 && ow * ((oh + 1) / 2) >= minimumTiles: return .height
        default: return nil
        }
    }

    /// `folded`: HWIO weights `(7 * channels, cout)`, batch norm folded in.
    init(_ folded: FoldedLinear.Folded, channels: Int, axis: Axis) {
        let (taps, points) = (Self.taps, Self.points)
        precondition(folded.k == taps * channels, "a 7-tap convolution over \(channels) channels has \(taps * channels) weight rows, got \(folded.k)")
        let g = Self.filterTransform
        let cout = folded.n
        var u = [[Float]](repeating: [Float](repeating: 0, count: channels * cout), count: points)
        folded.weights.withUnsafeBufferPointer { w in
            for c in 0..<channels {
                for n in 0..<cout {
                    for j in 0..<points {
                        var sum = 0.0
                        for k in 0..<taps where g[j][k] != 0 { sum += g[j][k] * Double(w[(k * channels + c) * cout + n]) }
                        u[j][c * cout + n] = Float(sum)
                    }
                }
            }
        }
        transformed = u.map { PackedMatrix.packing(k: channels, n: cout, scalars: $0) }
        bias = folded.bias
        relu = folded.relu
        self.channels = channels
        outputs = cout
        self.axis = axis
    }

    /// Eight vectors of 8 channels: a run of cells along the axis, or its transform.
    typealias Eight = (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)

    /// `B^T d` for the points above, written out (`inputTransformMatrix` is the same matrix,
    /// from the points; a test holds the two together).
    @inline(__always)
    static func transformInput(_ d: Eight) -> Eight {
        let (d0, d1, d2, d3, d4, d5, d6, d7) = d
        let (a1, b1) = (d2 - 4.25 * d4 + d6, d1 - 4.25 * d3 + d5)
        let (a3, b3) = (0.25 * d2 - 1.25 * d4 + d6, 0.5 * d1 - 2.5 * d3 + 2 * d5)
        let (a5, b5) = (4 * d2 - 5 * d4 + d6, 2 * d1 - 2.5 * d3 + 0.5 * d5)
        return (
            d6 - d0 + 5.25 * (d2 - d4), a1 + b1, a1 - b1, a3 + b3, a3 - b3, a5 + b5, a5 - b5, d7 - d1 + 5.25 * (d3 - d5)
        )
    }

    /// `A^T m` for the points above, written out (as `outputTransformMatrix`).
    @inline(__always)
    static func transformOutput(_ m: Eight) -> (SIMD8<Float>, SIMD8<Float>) {
        let (m0, m1, m2, m3, m4, m5, m6, m7) = m
        return (m0 + (m1 + m2) + (m3 + m4) + (m5 + m6), (m1 - m2) + 2 * (m3 - m4) + 0.5 * (m5 - m6) + m7)
    }

    /// `G`, `points x taps`: row j < 7 is `p_j^k / prod_{l != j} (p_j - p_l)`; the row of
    /// infinity picks the last tap.
    static let filterTransform: [[Double]] = {
        let p = finitePoints
        var g = [[Double]](repeating: [Double](repeating: 0, count: taps), count: points)
        for j in p.indices {
            let f = p.indices.filter { $0 != j }.reduce(1.0) { $0 * (p[j] - p[$1]) }
            for k in 0..<taps { g[j][k] = power(p[j], k) / f }
        }
        g[points - 1][taps - 1] = 1
        return g
    }()

    /// `B^T`, `points x points`: row j < 7 holds the coefficients (lowest degree first) of
    /// `prod_{l != j} (x - p_l)`, the row of infinity those of `prod_l (x - p_l)`.
    /// `transformInput` computes it written out.
    static var inputTransformMatrix: [[Double]] {
        let p = finitePoints
        return (0..<points).map { j in
            let roots = j < p.count ? p.indices.filter { $0 != j }.map { p[$0] } : p
            let c = coefficients(ofProductWithRoots: roots)
            return (0..<points).map { $0 < c.count ? c[$0] : 0 }
        }
    }

    /// `A^T`, `outputsPerTile x points`: row i holds `p_j^i`, and 1 for infinity in the
    /// last row. `transformOutput` computes it written out.
    static var outputTransformMatrix: [[Double]] {
        (0..<outputsPerTile).map { i in
            finitePoints.map { power($0, i) } + [i == outputsPerTile - 1 ? 1 : 0]
        }
    }

    private static func power(_ x: Double, _ n: Int) -> Double { (0..<n).reduce(1.0) { product, _ in product * x } }

    /// The coefficients of `prod (x - r)`, lowest degree first.
    private static func coefficients(ofProductWithRoots roots: [Double]) -> [Double] {
        var c = [1.0]
        for r in roots {
            var next = [Double](repeating: 0, count: c.count + 1)
            for (d, value) in c.enumerated() {
                next[d + 1] += value
                next[d] -= r * value
            }
            c = next
        }
        return c
    }

    /// `input` `[1, h, w, channels]` padded along the axis by `pad` to `output`
    /// `(oh, ow, cout)`; returns `[1, oh, ow, cout]`, and whether every value of it is
    /// finite (looked at as the output transform writes it).
    func apply(_ input: Tensor, pad: SidePadding, output: Shape) -> (output: Tensor, allFinite: Bool) {
        let (h, w, cin) = (input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow, cout) = (output.dims[0], output.dims[1], outputs)
        precondition(cin == channels, "Winograd convolution over \(channels) channels given \(cin)")
        precondition(
            axis == .width ? pad.top + pad.bottom == 0 : pad.left + pad.right == 0,
            "F(2, 7) along the \(axis) pads only along it, given \(pad)")
        let (m, points) = (Self.outputsPerTile, Self.points)
        // Lines across the axis, positions along it.
        let (lines, length, before, along) = axis == .width ? (oh, w, pad.left, ow) : (ow, h, pad.top, oh)
        // Cell (line, q) of the map, q along the axis; its step along the axis.
        let (lineStep, positionStep) = axis == .width ? (w * cin, cin) : (cin, w * cin)
        let perLine = (along + m - 1) / m
        let tiles = lines * perLine
        let v = UnsafeMutablePointer<Float>.allocate(capacity: points * tiles * cin)
        let products = UnsafeMutablePointer<Float>.allocate(capacity: points * tiles * cout)
        defer {
            v.deallocate()
            products.deallocate()
        }
        let transformedInput = SharedPointer(pointer: v)
        let productsPointer = SharedPointer(pointer: products)
        input.scalars.withUnsafeBufferPointer { x in
            let source = SharedReadPointer(pointer: x.baseAddress!)
            FastOps.parallelChunks(tiles, elements: points * tiles * cin) { range in
                typealias V = SIMD8<Float>
                for tile in range {
                    let (line, t) = (tile / perLine, tile % perLine)
                    let first = t * m - before
                    let lineStart = source.pointer + line * lineStep
                    // Cells past either end of the map are the zero padding.
                    let inside = max(0, -first)..<min(points, length - first)
                    let out = transformedInput.pointer + tile * cin
                    for c in stride(from: 0, to: cin, by: 8) {
                        @inline(__always) func cell(_ s: Int) -> V {
                            inside.contains(s) ? UnsafeRawPointer(lineStart + (first + s) * positionStep + c).loadUnaligned(as: V.self) : V()
                        }
                        let v = Self.transformInput((cell(0), cell(1), cell(2), cell(3), cell(4), cell(5), cell(6), cell(7)))
                        @inline(__always) func store(_ j: Int, _ value: V) {
                            UnsafeMutableRawPointer(out + j * tiles * cin + c).storeBytes(of: value, as: V.self)
                        }
                        store(0, v.0)
                        store(1, v.1)
                        store(2, v.2)
                        store(3, v.3)
                        store(4, v.4)
                        store(5, v.5)
                        store(6, v.6)
                        store(7, v.7)
                    }
                }
            }
        }
        multiplyWinogradPoints(transformed, tiles: tiles, input: transformedInput, channels: cin, into: productsPointer, outputs: cout)
        let wroteNonFinite = NonFiniteFlag()
        let scalars = [Float](unsafeUninitializedCapacity: oh * ow * cout) { out, count in
            bias.withUnsafeBufferPointer { bias in
                let destination = SharedPointer(pointer: out.baseAddress!)
                let biasPointer = SharedReadPointer(pointer: bias.baseAddress!)
                let axis = self.axis
                let relu = self.relu
                FastOps.parallelChunks(tiles, elements: points * tiles * cout) { range in
                    typealias V = SIMD8<Float>
                    var written = FiniteSum()
                    for tile in range {
                        let (line, t) = (tile / perLine, tile % perLine)
                        let product = productsPointer.pointer + tile * cout
                        for c in stride(from: 0, to: cout, by: 8) {
                            @inline(__always) func point(_ j: Int) -> V {
                                UnsafeRawPointer(product + j * tiles * cout + c).loadUnaligned(as: V.self)
                            }
                            let b = UnsafeRawPointer(biasPointer.pointer + c).loadUnaligned(as: V.self)
                            let y = Self.transformOutput((point(0), point(1), point(2), point(3), point(4), point(5), point(6), point(7)))
                            @inline(__always) func store(_ i: Int, _ value: V) {
                                var value = value + b
                                if relu { value = value.replacing(with: 0, where: value .< 0) }
                                let position = t * m + i
                                let pixel = axis == .width ? line * ow + position : position * ow + line
                                UnsafeMutableRawPointer(destination.pointer + pixel * cout + c).storeBytes(of: value, as: V.self)
                                written.add(SIMD16(lowHalf: value - value, highHalf: V()))
                            }
                            store(0, y.0)
                            if t * m + 1 < along { store(1, y.1) }
                        }
                    }
                    if !written.isFinite { wroteNonFinite.set() }
                }
            }
            count = oh * ow * cout
        }
        return (Tensor(shape: [1, oh, ow, cout], scalars: scalars), !wroteNonFinite.isSet)
    }
}
