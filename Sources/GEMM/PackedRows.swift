/// Rows of A packed for the micro-kernel: per K block (`depth` columns), panels of
/// `mr` rows stored column by column (`kcb` steps of `mr` floats), the last panel
/// zero-padded.
final class PackedRows: @unchecked Sendable {
    let rows: Int
    let k: Int
    /// Depth of the K blocks: the B operand's.
    let depth: Int
    let paddedRows: Int
    let storage: UnsafeMutablePointer<Float>

    init(rows: Int, k: Int, depth: Int) {
        self.rows = rows
        self.k = k
        self.depth = depth
        paddedRows = (rows + Blocking.mr - 1) / Blocking.mr * Blocking.mr
        let count = max(paddedRows * k, 1)
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
            .bindMemory(to: Float.self, capacity: count)
    }

    deinit { UnsafeMutableRawPointer(storage).deallocate() }

    /// The K block starting at column `pc`.
    @inline(__always)
    func block(_ pc: Int) -> UnsafePointer<Float> { UnsafePointer(storage + pc * paddedRows) }

    /// Packs `rows x k` of the row-major A at `a`.
    func pack(a: UnsafePointer<Float>, lda: Int) {
        let mr = Blocking.mr
        var pc = 0
        while pc < k {
            let kcb = min(depth, k - pc)
            let block = storage + pc * paddedRows
            var i0 = 0
            while i0 < paddedRows {
                let out = block + i0 * kcb
                let height = min(mr, rows - i0)
                if height == mr {
                    let r0 = a + i0 * lda + pc, r1 = r0 + lda, r2 = r1 + lda
                    let r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda
                    for p in 0..<kcb {
                        let o = out + p * mr
                        o[0] = r0[p]; o[1] = r1[p]; o[2] = r2[p]
                        o[3] = r3[p]; o[4] = r4[p]; o[5] = r5[p]
                    }
                } else {
                    for p in 0..<kcb {
                        for r in 0..<mr {
                            out[p * mr + r] = r < height ? a[(i0 + r) * lda + pc + p] : 0
                        }
                    }
                }
                i0 += mr
            }
            pc += kcb
        }
    }
}
