/// Ladder step 4: packing. B is packed once into `nr`-wide panels (`PackedMatrix`, as the
/// network packs its weights at load) and each `mc x kc` block of A into `mr`-row slivers,
/// so that the innermost loops read both operands in one sequential stream. The `mr x nr`
/// tile is accumulated in plain scalar loops the compiler vectorises as it can; the
/// project's hand-written SIMD tile (`FastGEMM`) is the next step. One thread.
public struct PackedLoopsGEMM: GEMM {
    public let name = "packed loops"

    public init() {}

    /// The `GEMM` protocol's multiply: B packed on this call (the ladder packs it once, at load).
    public func multiply(_ o: GEMMOperands) {
        multiply(m: o.m, a: o.a, lda: o.lda, b: PackedMatrix(k: o.k, n: o.n, b: o.b, ldb: o.ldb), c: o.c, ldc: o.ldc, accumulate: o.accumulate)
    }

    /// `C = A * B` (`+ C` when `accumulate`) with B packed beforehand.
    public func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int, b: PackedMatrix, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool = false
    ) {
        let (n, k) = (b.n, b.k)
        let (mr, nr, mc, kc) = (Blocking.mr, Blocking.nr, Blocking.mc, Blocking.kc)
        if !accumulate {
            for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
        }
        guard m > 0, n > 0, k > 0 else { return }
        let slivers = UnsafeMutablePointer<Float>.allocate(capacity: (mc + mr - 1) / mr * mr * kc)
        defer { slivers.deallocate() }
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: mr * nr)
        defer { tile.deallocate() }
        for i0 in stride(from: 0, to: m, by: mc) {
            let rows = min(mc, m - i0)
            for p0 in stride(from: 0, to: k, by: kc) {
                let depth = min(kc, k - p0)
                // Sliver s holds rows i0 + s*mr ..< +mr, one column of mr values per p (zeros past m).
                for s in 0..<(rows + mr - 1) / mr {
                    let sliver = slivers + s * mr * depth
                    for p in 0..<depth {
                        for r in 0..<mr {
                            let i = s * mr + r
                            sliver[p * mr + r] = i < rows ? a[(i0 + i) * lda + p0 + p] : 0
                        }
                    }
                }
                for panel in 0..<b.panelCount {
                    let bPanel = b.panel(block: p0, panel: panel)
                    let columns = min(nr, n - panel * nr)
                    for s in 0..<(rows + mr - 1) / mr {
                        let sliver = slivers + s * mr * depth
                        tile.update(repeating: 0, count: mr * nr)
                        for p in 0..<depth {
                            for r in 0..<mr {
                                let scale = sliver[p * mr + r]
                                for j in 0..<nr { tile[r * nr + j] += scale * bPanel[p * nr + j] }
                            }
                        }
                        for r in 0..<min(mr, rows - s * mr) {
                            let cRow = c + (i0 + s * mr + r) * ldc + panel * nr
                            for j in 0..<columns { cRow[j] += tile[r * nr + j] }
                        }
                    }
                }
            }
        }
    }
}
