import GEMM

/// The multiplies of a Winograd convolution: for every transform point `j`,
/// `M_j (tiles, cout) = V_j (tiles, cin) x U_j (cin, cout)`. The points are shared out
/// across the cores, each multiply on one thread (they are small, and independent).
///
/// - Parameters:
///   - transformed: `U_j`, each `(channels, outputs)` packed
///   - input: the `V_j`, `tiles x channels` each, one after another
///   - products: the `M_j`, `tiles x outputs` each, one after another (written)
func multiplyWinogradPoints(
    _ transformed: [PackedMatrix], tiles: Int, input: SharedPointer, channels: Int, into products: SharedPointer, outputs: Int
) {
    let single = FastGEMM(threads: 1)
    WorkerPool.shared.parallelFor(transformed.count) { j in
        single.multiply(
            m: tiles, a: input.pointer + j * tiles * channels, lda: channels, b: transformed[j],
            c: products.pointer + j * tiles * outputs, ldc: outputs)
    }
}
