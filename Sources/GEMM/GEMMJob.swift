import Tensors

/// One multiply's operands, shared by its work items.
struct GEMMJob: @unchecked Sendable {
    let m: Int, n: Int, k: Int
    let a: AOperand
    let b: PackedMatrix
    /// `kBlocks(k:segment:maximum:)` for `a`.
    let blocks: [(start: Int, depth: Int)]
    let c: UnsafeMutablePointer<Float>, ldc: Int
    let accumulate: Bool
    let bias: UnsafePointer<Float>?
    let relu: Bool
    /// A residual block's add, applied to each finished tile (then `relu` is false).
    let residual: ResidualAdd?
    /// The tile kernels' compilation for this CPU (read once per multiply).
    var code = TileCode.selected
    /// Set by a work item that wrote a NaN or an infinity into C (`FastGEMM` reports it).
    let wroteNonFinite = NonFiniteFlag()

    /// C rows `rows` times B panels `panels`. A comes from `packed` (rows `rows` packed,
    /// K block by K block), or when nil straight from `a`, row by row in place.
    ///
    /// With A in place and one panel (one row block: the 17x17, 8x8 and 3x3 stages) the
    /// panel goes through all of K: B is then one sequential stream from memory, which
    /// the kernel's first row panel prefetches a little ahead of its reads; the other row
    /// panels find the panel in cache.
    /// With A in place and several panels (a thin B, at most `Blocking.thinPanels`: the
    /// stem's 3x3s, Block35's branches at 299), each row tile goes through every panel
    /// before the next tile: its six window rows are read from the map once and reused
    /// from L1, while the few panels of B stay in L2. (Panel by panel, every row was read
    /// again for each panel: the stem's Conv2d_2b_3x3, four panels, ran 6-8% slower.)
    /// With packed A, K blocks are outermost, so the packed block of A stays in L2
    /// across all panels.
    func compute(rows: Range<Int>, packed: PackedRows?, panels: Range<Int>) {
        // A 6 x 16 edge tile, on the stack: this runs once per panel on the 8x8 and
        // 3x3 stages, too often for a heap allocation each time. (Not
        // `withUnsafeTemporaryAllocation`: with a 64-byte alignment it called
        // swift_slowAlloc, an aligned malloc and free per panel.)
        var edgeTile = EdgeTile(.zero, .zero, .zero, .zero, .zero, .zero)
        // Every finished tile's `x - x`, summed: 0 while all are finite, NaN after any is not.
        var written = FiniteSum()
        // C's row tiles of `rows`, counted from its first.
        let rowPanels = 0..<((rows.count + Blocking.mr - 1) / Blocking.mr)
        withUnsafeMutableBytes(of: &edgeTile) { raw in
            let scratch = raw.baseAddress!.bindMemory(to: Float.self, capacity: Blocking.mr * Blocking.nr)
            if let packed {
                for (pc, kcb) in blocks {
                    for panel in panels {
                        computeBlock(
                            pc: pc, kcb: kcb, panel: panel, rows: rows, rowPanels: rowPanels, aBlock: packed.block(pc),
                            scratch: scratch, written: &written)
                    }
                }
            } else if panels.count > 1 {
                // A thin B (several panels in one call, A in place): each row tile goes
                // through all of them while its rows are in L1.
                for (pc, kcb) in blocks {
                    for rowPanel in rowPanels {
                        for panel in panels {
                            computeBlock(
                                pc: pc, kcb: kcb, panel: panel, rows: rows, rowPanels: rowPanel..<(rowPanel + 1), aBlock: nil,
                                scratch: scratch, written: &written)
                        }
                    }
                }
            } else {
                for panel in panels {
                    for (pc, kcb) in blocks {
                        computeBlock(
                            pc: pc, kcb: kcb, panel: panel, rows: rows, rowPanels: rowPanels, aBlock: nil, scratch: scratch,
                            written: &written)
                    }
                }
            }
        }
        if !written.isFinite { wroteNonFinite.set() }
    }

    /// One K block (`pc ..< pc + kcb`) of C's row tiles `rowPanels` (counted from the first
    /// of `rows`) x columns of `panel`.
    @inline(__always)
    private func computeBlock(
        pc: Int, kcb: Int, panel: Int, rows: Range<Int>, rowPanels: Range<Int>, aBlock: UnsafePointer<Float>?,
        scratch: UnsafeMutablePointer<Float>, written: inout FiniteSum
    ) {
        let mr = Blocking.mr
        let nr = Blocking.nr
        let load = accumulate || pc > 0
        let finish = pc + kcb == k
        let j0 = panel * nr
        let width = min(nr, n - j0)
        let (bias0, bias1) = finish ? biasVectors(from: j0, width: width) : (SIMD8<Float>(), SIMD8<Float>())
        let tile = scratch
        let bPanel = b.panel(block: pc, panel: panel)
        // Prefetch what this worker reads next. With A in place, B is one stream
        // through the panel and on into the next: a fixed lead into it
        // (`Blocking.prefetchLead`). With packed A, the same K block of the next panel.
        let prefetchBytes = aBlock == nil ? Blocking.prefetchLead : k * nr * MemoryLayout<Float>.stride
        // In place, a block is whole segments of A's rows (or part of one).
        let run = min(a.segment(k: k), kcb)
        let jump = a.segmentJump
        for rowPanel in rowPanels {
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
            // The first tile of a panel streams it from memory; the others find it in cache.
            let prefetch = rowPanel == 0 ? prefetchBytes : 0
            let finiteness: Float
            if let aBlock {
                finiteness = code.packedTile(
                    kc: kcb, a: aBlock + rowPanel * mr * kcb, b: bPanel, c: out, ldc: ldOut, prefetch: prefetch,
                    load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
            } else {
                let aRows = a.tileRows(i0, height: height, at: pc)
                let inPlace = InPlaceTile(
                    code: code, height: height, kc: kcb, run: run, jump: jump, rows: aRows, c: out, ldc: ldOut,
                    load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                finiteness = inPlace.compute(b: bPanel, prefetch: prefetch)
            }
            if edge {
                for r in 0..<height { (cTile + r * ldc).update(from: tile + r * nr, count: width) }
            }
            // The values the caller gets, looked at so that it need not read all of C again
            // to find a NaN: a whole tile by the kernel as it stored them; an edge tile's
            // valid part read back from C (the kernel also saw its padding); with a
            // residual add, each value as the add writes it.
            if finish {
                if let residual {
                    written.add(
                        code.residualWriteOut(
                            c: cTile, ldc: ldc, shortcut: residual.shortcut + i0 * residual.ld + j0, ld: residual.ld, height: height,
                            width: width, scale: residual.scale, relu: residual.relu))
                } else if edge {
                    written.add(cTile, ldc: ldc, height: height, width: width)
                } else {
                    written.add(finiteness)
                }
            }
        }
    }

    /// The bias of columns `j0 ..< j0 + width` as two vectors (zeros past `width`, or without a bias).
    private func biasVectors(from j0: Int, width: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        var bias0 = SIMD8<Float>()
        var bias1 = SIMD8<Float>()
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

/// Room for one `Blocking.mr` x `Blocking.nr` (6 x 16) tile of C, row after row.
private typealias EdgeTile = (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>)

/// One tile of the in-place kernel, whatever its height: the kernel module picks its
/// specialisation for it (an edge tile multiplies only its own rows, not a padded full
/// tile).
private struct InPlaceTile {
    let code: TileCode
    let height: Int, kc: Int, run: Int, jump: Int
    let rows:
        (
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>
        )
    let c: UnsafeMutablePointer<Float>, ldc: Int
    let load: Bool, finish: Bool, bias0: SIMD8<Float>, bias1: SIMD8<Float>, relu: Bool

    /// With B's panel packed beforehand; the finiteness sum of the values finished.
    @inline(__always)
    func compute(b: UnsafePointer<Float>, prefetch: Int) -> Float {
        code.inPlaceTile(
            height: height, kc: kc, run: run, jump: jump, rows: rows, b: b, c: c, ldc: ldc, prefetch: prefetch,
            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
    }
}
