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
    /// Where each of A's `m` rows starts (column 0), when A is read in place as one row
    /// block (`FastGEMM` fills them in once per multiply): the column loops take a panel's
    /// whole tiles' rows from here. Nil otherwise (tiles then find their rows one by one).
    var rowStarts: UnsafePointer<UnsafePointer<Float>>? = nil
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
                        computeColumn(
                            BlockSetup(self, pc: pc, kcb: kcb, panel: panel, packed: true), rows: rows, rowPanels: rowPanels,
                            aBlock: packed.block(pc, depth: kcb, fromRow: rows.lowerBound), scratch: scratch, written: &written)
                    }
                }
            } else if panels.count > 1 {
                // A thin B (several panels in one call, A in place): each row tile goes
                // through all of them while its rows are in L1.
                for (pc, kcb) in blocks {
                    let setups = panels.map { BlockSetup(self, pc: pc, kcb: kcb, panel: $0, packed: false) }
                    let done = computeAcrossPanels(setups, rows: rows, written: &written)
                    for rowPanel in rowPanels where rowPanel >= done {
                        for setup in setups {
                            computeBlock(
                                setup, rows: rows, rowPanels: rowPanel..<(rowPanel + 1), aBlock: nil, scratch: scratch,
                                written: &written)
                        }
                    }
                }
            } else {
                for panel in panels {
                    for (pc, kcb) in blocks {
                        computeColumn(
                            BlockSetup(self, pc: pc, kcb: kcb, panel: panel, packed: false), rows: rows, rowPanels: rowPanels,
                            aBlock: nil, scratch: scratch, written: &written)
                    }
                }
            }
        }
        if !written.isFinite { wroteNonFinite.set() }
    }

    /// What every tile of one K block (`pc ..< pc + kcb`) of one B panel shares.
    private struct BlockSetup {
        let pc: Int, kcb: Int
        /// C's first column in this panel, and the panel's columns (16 but at the edge).
        let j0: Int, width: Int
        /// Add C's earlier blocks (or C itself); finish the tiles (bias, ReLU, residual add).
        let load: Bool, finish: Bool
        let bias0: SIMD8<Float>, bias1: SIMD8<Float>
        let bPanel: UnsafePointer<Float>
        /// How far ahead the panel's first tile prefetches.
        let prefetchBytes: Int
        /// In place, a block is whole segments of A's rows (or part of one): runs of `run`
        /// floats, `jump` apart.
        let run: Int, jump: Int

        @inline(__always)
        init(_ job: GEMMJob, pc: Int, kcb: Int, panel: Int, packed: Bool) {
            (self.pc, self.kcb) = (pc, kcb)
            j0 = panel * Blocking.nr
            width = min(Blocking.nr, job.n - j0)
            load = job.accumulate || pc > 0
            finish = pc + kcb == job.k
            (bias0, bias1) = finish ? job.biasVectors(from: j0, width: width) : (SIMD8<Float>(), SIMD8<Float>())
            bPanel = job.b.panel(block: pc, panel: panel)
            // Prefetch what this worker reads next. With A in place, B is one stream
            // through the panel and on into the next: a fixed lead into it
            // (`Blocking.prefetchLead`). With packed A, the same K block of the next panel.
            prefetchBytes = packed ? job.k * Blocking.nr * MemoryLayout<Float>.stride : Blocking.prefetchLead
            run = min(job.a.segment(k: job.k), kcb)
            jump = job.a.segmentJump
        }
    }

    /// One K block of C's row tiles `rowPanels` (counted from the first of `rows`) x the
    /// columns of one panel, its whole tiles (six rows, sixteen columns) in one call to
    /// the kernels' column loop; what is left (an edge tile) by `computeBlock`.
    @inline(__always)
    private func computeColumn(
        _ setup: BlockSetup, rows: Range<Int>, rowPanels: Range<Int>, aBlock: UnsafePointer<Float>?,
        scratch: UnsafeMutablePointer<Float>, written: inout FiniteSum
    ) {
        let mr = Blocking.mr
        let wholeTiles = rowPanels.clamped(to: 0..<(rows.count / mr))
        guard setup.width == Blocking.nr, !wholeTiles.isEmpty, aBlock != nil || rowStarts != nil else {
            computeBlock(setup, rows: rows, rowPanels: rowPanels, aBlock: aBlock, scratch: scratch, written: &written)
            return
        }
        let i0 = rows.lowerBound + wholeTiles.lowerBound * mr
        let cTile = c + i0 * ldc + setup.j0
        let prefetch = wholeTiles.lowerBound == 0 ? setup.prefetchBytes : 0
        let columnResidual = setup.finish ? residual?.moved(toRow: i0, column: setup.j0) : nil
        let finiteness: Float
        if let aBlock {
            finiteness = code.packedColumn(
                tiles: wholeTiles.count, kc: setup.kcb, a: aBlock + wholeTiles.lowerBound * mr * setup.kcb, b: setup.bPanel,
                c: cTile, ldc: ldc, scratch: scratch, prefetch: prefetch, load: setup.load, finish: setup.finish,
                bias0: setup.bias0, bias1: setup.bias1, relu: relu, residual: columnResidual)
        } else {
            finiteness = code.inPlaceColumn(
                tiles: wholeTiles.count, rows: rowStarts! + i0, offset: a.row(0, at: setup.pc) - a.row(0, at: 0), kc: setup.kcb,
                run: setup.run, jump: setup.jump, b: setup.bPanel, c: cTile, ldc: ldc, scratch: scratch, prefetch: prefetch,
                load: setup.load, finish: setup.finish, bias0: setup.bias0, bias1: setup.bias1, relu: relu, residual: columnResidual)
        }
        if setup.finish { written.add(finiteness) }
        computeBlock(
            setup, rows: rows, rowPanels: wholeTiles.upperBound..<rowPanels.upperBound, aBlock: aBlock, scratch: scratch,
            written: &written)
    }

    /// A thin B's K block (`setups`, one per panel, all of one block): the whole row tiles
    /// of `rows`, each through every panel in one call to the kernels
    /// (`inPlaceAcrossPanels`). Returns how many row tiles it computed (counted from the
    /// first of `rows`): none where a panel is narrower than 16 or a residual add follows;
    /// the caller computes the rest one tile at a time.
    @inline(__always)
    private func computeAcrossPanels(_ setups: [BlockSetup], rows: Range<Int>, written: inout FiniteSum) -> Int {
        let mr = Blocking.mr
        let tiles = rows.count / mr
        guard let first = setups.first, tiles > 0, residual == nil, setups.allSatisfy({ $0.width == Blocking.nr })
        else { return 0 }
        let rowStarts = UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: tiles * mr)
        defer { rowStarts.deallocate() }
        for tile in 0..<tiles {
            let r = a.tileRows(rows.lowerBound + tile * mr, height: mr, at: first.pc)
            let starts = rowStarts + tile * mr
            (starts[0], starts[1], starts[2], starts[3], starts[4], starts[5]) = (r.0, r.1, r.2, r.3, r.4, r.5)
        }
        let biases = setups.flatMap { [$0.bias0, $0.bias1] }
        let finiteness = biases.withUnsafeBufferPointer { biases in
            code.inPlaceAcrossPanels(
                tiles: tiles, rows: rowStarts, kc: first.kcb, run: first.run, jump: first.jump, panels: setups.count,
                b: first.bPanel, panelStride: k * Blocking.nr, biases: biases.baseAddress!, c: c + rows.lowerBound * ldc + first.j0,
                ldc: ldc, prefetch: first.prefetchBytes, load: first.load, finish: first.finish, relu: relu)
        }
        if first.finish { written.add(finiteness) }
        return tiles
    }

    /// One K block of C's row tiles `rowPanels` (counted from the first of `rows`) x the
    /// columns of one panel, one tile at a time.
    @inline(__always)
    private func computeBlock(
        _ setup: BlockSetup, rows: Range<Int>, rowPanels: Range<Int>, aBlock: UnsafePointer<Float>?,
        scratch: UnsafeMutablePointer<Float>, written: inout FiniteSum
    ) {
        let mr = Blocking.mr
        let nr = Blocking.nr
        let (pc, kcb, j0, width) = (setup.pc, setup.kcb, setup.j0, setup.width)
        let (load, finish, bias0, bias1, bPanel) = (setup.load, setup.finish, setup.bias0, setup.bias1, setup.bPanel)
        let (prefetchBytes, run, jump) = (setup.prefetchBytes, setup.run, setup.jump)
        let tile = scratch
        for rowPanel in rowPanels {
            let i0 = rows.lowerBound + rowPanel * mr
            let height = min(mr, rows.upperBound - i0)
            let cTile = c + i0 * ldc + j0
            // A whole tile is written in place; an edge tile goes through `tile`,
            // and only its valid part is copied (loaded first when accumulating). So
            // does a tile that gets a residual add with nothing to load: the add then
            // writes C from `tile`, and C may be the shortcut itself.
            let edge = height < mr || width < nr
            let tileResidual = finish ? residual?.moved(toRow: i0, column: j0) : nil
            let viaTile = edge || (tileResidual != nil && !load)
            if edge && load {
                for r in 0..<height { (tile + r * nr).update(from: cTile + r * ldc, count: width) }
            }
            let (out, ldOut) = viaTile ? (tile, nr) : (cTile, ldc)
            // The first tile of a panel streams it from memory; the others find it in cache.
            let prefetch = rowPanel == 0 ? prefetchBytes : 0
            let finiteness: Float
            if let aBlock {
                finiteness = code.packedTile(
                    height: height, kc: kcb, a: aBlock + rowPanel * mr * kcb, b: bPanel, c: out, ldc: ldOut, prefetch: prefetch,
                    load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
            } else {
                let aRows = a.tileRows(i0, height: height, at: pc)
                let inPlace = InPlaceTile(
                    code: code, height: height, kc: kcb, run: run, jump: jump, rows: aRows, c: out, ldc: ldOut,
                    load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                finiteness = inPlace.compute(b: bPanel, prefetch: prefetch)
            }
            if edge && tileResidual == nil {
                for r in 0..<height { (cTile + r * ldc).update(from: tile + r * nr, count: width) }
            }
            // The values the caller gets, looked at so that it need not read all of C again
            // to find a NaN: a whole tile by the kernel as it stored them; an edge tile's
            // valid part read back from C (the kernel also saw its padding); with a
            // residual add, each value as the add writes it.
            if finish {
                if let residual = tileResidual {
                    written.add(
                        code.residualWriteOut(
                            up: out, ldu: ldOut, shortcut: residual.shortcut, ld: residual.ld, c: cTile, ldc: ldc,
                            height: height, width: width, scale: residual.scale, relu: residual.relu))
                } else if edge {
                    written.add(cTile, ldc: ldc, height: height, width: width)
                } else {
                    written.add(finiteness)
                }
            }
        }
    }

    /// The bias of columns `j0 ..< j0 + width` as two vectors (zeros past `width`, or without a bias).
    fileprivate func biasVectors(from j0: Int, width: Int) -> (SIMD8<Float>, SIMD8<Float>) {
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
