/// One multiply's operands, shared by its work items.
struct GEMMJob: @unchecked Sendable {
    let m: Int, n: Int, k: Int
    let a: UnsafePointer<Float>, lda: Int
    let b: BOperand
    let c: UnsafeMutablePointer<Float>, ldc: Int
    let accumulate: Bool
    let bias: UnsafePointer<Float>?
    let relu: Bool

    /// C rows `rows` times B panels `panels`, K block by K block. A comes from `packed`
    /// (rows `rows` packed), or when nil straight from `a`, row by row in place.
    func compute(rows: Range<Int>, packed: PackedRows?, panels: Range<Int>) {
        let mr = Blocking.mr, nr = Blocking.nr
        let depth = b.depth
        let rowPanels = (rows.count + mr - 1) / mr
        // A 6 x 16 edge tile, and one depth x 16 B panel (when B is plain rows).
        let scratchCount = mr * nr + depth * nr
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchCount * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
            .bindMemory(to: Float.self, capacity: scratchCount)
        defer { UnsafeMutableRawPointer(scratch).deallocate() }
        let tile = scratch
        let bScratch = scratch + mr * nr
        var pc = 0
        while pc < k {
            let kcb = min(depth, k - pc)
            let load = accumulate || pc > 0
            let finish = pc + kcb == k
            let aBlock = packed?.block(pc)
            for panel in panels {
                let j0 = panel * nr
                let width = min(nr, n - j0)
                let (bias0, bias1) = finish ? biasVectors(from: j0, width: width) : (SIMD8<Float>(), SIMD8<Float>())
                let bPanel: UnsafePointer<Float>
                switch b {
                case .packed(let matrix):
                    bPanel = matrix.panel(block: pc, rows: kcb, panel: panel)
                case .rows(let source, let ldb, _, _):
                    let from = source.pointer + pc * ldb + j0
                    for p in 0..<kcb {
                        (bScratch + p * nr).update(from: from + p * ldb, count: width)
                        if width < nr { (bScratch + p * nr + width).update(repeating: 0, count: nr - width) }
                    }
                    bPanel = UnsafePointer(bScratch)
                }
                for rowPanel in 0..<rowPanels {
                    let i0 = rows.lowerBound + rowPanel * mr
                    let height = min(mr, rows.upperBound - i0)
                    let cTile = c + i0 * ldc + j0
                    // A whole tile is written in place; an edge tile goes through `tile`,
                    // and only its valid part is copied (loaded first when accumulating).
                    let edge = height < mr || width < nr
                    if edge && load {
                        for r in 0..<height { (tile + r * nr).update(from: cTile + r * ldc, count: width) }
                    }
                    let (out, ldOut) = edge ? (tile, nr) : (cTile, ldc)
                    if let aBlock {
                        microKernel6x16(kc: kcb, a: aBlock + rowPanel * mr * kcb, b: bPanel, c: out, ldc: ldOut,
                                        load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                    } else {
                        microKernel6x16Rows(kc: kcb, a: a + i0 * lda + pc, lda: lda, height: height, b: bPanel, c: out, ldc: ldOut,
                                            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                    }
                    if edge {
                        for r in 0..<height { (cTile + r * ldc).update(from: tile + r * nr, count: width) }
                    }
                }
            }
            pc += kcb
        }
    }

    /// The bias of columns `j0 ..< j0 + width` as two vectors (zeros past `width`, or without a bias).
    private func biasVectors(from j0: Int, width: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        var bias0 = SIMD8<Float>(), bias1 = SIMD8<Float>()
        guard let bias else { return (bias0, bias1) }
        if width == Blocking.nr {
            bias0 = UnsafeRawPointer(bias + j0).loadUnaligned(as: SIMD8<Float>.self)
            bias1 = UnsafeRawPointer(bias + j0 + 8).loadUnaligned(as: SIMD8<Float>.self)
        } else {
            for j in 0..<width {
                if j < 8 { bias0[j] = bias[j0 + j] } else { bias1[j - 8] = bias[j0 + j] }
            }
        }
        return (bias0, bias1)
    }
}
