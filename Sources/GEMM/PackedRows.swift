/// Rows of A packed for the micro-kernel: per K block, panels of `mr` rows stored
/// column by column (`depth` steps of `mr` floats), the last panel zero-padded.
/// The block starting at column `pc` starts at `pc * paddedRows`.
final class PackedRows: @unchecked Sendable {
    /// A's rows packed here (C's rows they compute).
    let rows: Range<Int>
    let k: Int
    let paddedRows: Int
    let storage: UnsafeMutablePointer<Float>

    init(rows: Range<Int>, k: Int) {
        self.rows = rows
        self.k = k
        paddedRows = (rows.count + Blocking.mr - 1) / Blocking.mr * Blocking.mr
        let count = max(paddedRows * k, 1)
        storage = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
            .bindMemory(to: Float.self, capacity: count)
    }

    deinit { UnsafeMutableRawPointer(storage).deallocate() }

    /// The K block starting at column `pc` (depth `kcb`), from the row panel of row
    /// `row` on: a row of `rows`, a whole number of panels past its first.
    @inline(__always)
    func block(_ pc: Int, depth kcb: Int, fromRow row: Int) -> UnsafePointer<Float> {
        precondition(rows.contains(row) && (row - rows.lowerBound) % Blocking.mr == 0, "row \(row) starts no panel of rows \(rows)")
        return UnsafePointer(storage + pc * paddedRows + (row - rows.lowerBound) * kcb)
    }

    /// Packs `a`'s rows `rows`, block by block; a block of several segments (`kBlocks`)
    /// is packed one segment at a time, each contiguous in A.
    func pack(_ a: AOperand, blocks: [(start: Int, depth: Int)]) {
        let (first, count) = (rows.lowerBound, rows.count)
        let mr = Blocking.mr
        let segment = a.segment(k: k)
        for (pc, kcb) in blocks {
            let block = storage + pc * paddedRows
            let run = min(segment, kcb)
            var i0 = 0
            while i0 < paddedRows {
                let height = min(mr, count - i0)
                for start in stride(from: 0, to: kcb, by: run) {
                    let out = block + i0 * kcb + start * mr
                    let column = pc + start
                    if height == mr {
                        let (r0, r1, r2, r3, r4, r5) = a.tileRows(first + i0, height: mr, at: column)
                        for p in 0..<run {
                            let o = out + p * mr
                            o[0] = r0[p]
                            o[1] = r1[p]
                            o[2] = r2[p]
                            o[3] = r3[p]
                            o[4] = r4[p]
                            o[5] = r5[p]
                        }
                    } else {
                        for r in 0..<mr {
                            let source = r < height ? a.row(first + i0 + r, at: column) : nil
                            for p in 0..<run { out[p * mr + r] = source?[p] ?? 0 }
                        }
                    }
                }
                i0 += mr
            }
        }
    }
}
