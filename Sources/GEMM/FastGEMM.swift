/// The optimised SGEMM: packed operands, cache blocking (`Blocking`), the 6 x 16
/// FMA micro-kernel, and both cores.
///
/// Parallel split: up to `Blocking.inPlaceRows` rows (the 17x17, 8x8 and 3x3 stages:
/// M = 289, 64, 9), all of M is one row block, A is read in place (or packed first,
/// for a short K and a wide B: `Blocking.packsSingleBlock`) and each worker
/// takes a contiguous run of B panels (`PanelRuns`), so every packed weight panel is
/// read from memory once for all rows (a panel is two items, its upper and lower rows,
/// so that the stealing at the end moves half a panel: one taken by the other worker is
/// read again). A longer M is cut into blocks of about
/// `mc` rows; each work item is one of them (it packs its own A, unless B is thin,
/// and sweeps all of B, which stays in L3).
///
/// Loops run on `WorkerPool.shared`; `threads == 1` keeps a multiply on the calling
/// thread, any larger count uses the pool (one thread per core).
public struct FastGEMM: GEMM {
    public let name = "fast"
    /// Worker count (the calling thread is one of them).
    public let threads: Int
    /// With a single row block (M <= `Blocking.inPlaceRows`), always pack A first (true),
    /// or only where `Blocking.packsSingleBlock(k:panels:)` says it pays (false).
    public let packsSingleBlockA: Bool
    /// Which compilation of the tile kernels runs (this CPU's choice unless a test forces one).
    public let tileCode: TileCode

    public init(threads: Int = FastGEMM.defaultThreads, packsSingleBlockA: Bool = false, tileCode: TileCode = .selected) {
        self.threads = max(1, threads)
        self.packsSingleBlockA = packsSingleBlockA
        self.tileCode = tileCode
    }

    /// The thread count in effect (`ThreadSetting`): `EXPLORE_THREADS`, else the online processors.
    public static var defaultThreads: Int { ThreadSetting.count }

    public func multiply(_ operands: GEMMOperands) {
        let (m, n, k) = (operands.m, operands.n, operands.k)
        precondition(operands.ldb >= n && operands.lda >= k)
        // B packed first, on all cores, then multiplied as the network's pre-packed weights are.
        _ = run(
            m: m, a: .matrix(operands.a, lda: operands.lda), b: PackedMatrix(k: k, n: n, b: operands.b, ldb: operands.ldb),
            c: operands.c, ldc: operands.ldc, accumulate: operands.accumulate, bias: nil, relu: false)
    }

    /// `C = A * B (+ C when accumulate) (+ bias[j]) (then max(., 0) when relu)` with B
    /// packed beforehand; `bias` holds `b.n` floats. The bias and the ReLU are applied
    /// in the write-out of the last K block, while the tile is still in registers.
    ///
    /// Returns whether every element of C it wrote is finite (each tile looked at as it
    /// is stored), so that the caller need not search C for a NaN.
    @discardableResult
    public func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int,
        b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false, bias: UnsafePointer<Float>? = nil, relu: Bool = false
    ) -> Bool {
        precondition(lda >= b.k)
        return run(m: m, a: .matrix(a, lda: lda), b: b, c: c, ldc: ldc, accumulate: accumulate, bias: bias, relu: relu)
    }

    /// `C = residual.shortcut + residual.scale * (A * B + bias[j])`, then ReLU when
    /// `residual.relu`: an up projection and its residual block's add in one pass over
    /// C (`ResidualAdd`), B packed beforehand. The result as in the multiply above.
    ///
    /// `c` may be `residual.shortcut` itself (with `ldc == residual.ld`; no other
    /// overlap): the block's output then takes its input's place. Each tile's add reads
    /// the shortcut's values just before it writes over them, from the product kept
    /// aside in L1; a multiply that cuts K into blocks (C holds partial sums before the
    /// last) reads the shortcut from a copy instead.
    @discardableResult
    public func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int,
        b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        bias: UnsafePointer<Float>?, residual: ResidualAdd
    ) -> Bool {
        precondition(lda >= b.k)
        return run(m: m, a: .matrix(a, lda: lda), b: b, c: c, ldc: ldc, bias: bias, residual: residual)
    }

    /// The same multiply and add with A given as channel pieces side by side (a concat
    /// not made: `ChannelPieces`), `pieces.k == b.k`. Where this multiply packs A, it packs
    /// it from the pieces; where it would read A in place, it joins them first, the copy
    /// the concat would have made. The result as in the multiply above.
    @discardableResult
    public func multiply(
        m: Int, pieces: ChannelPieces, b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        bias: UnsafePointer<Float>?, residual: ResidualAdd
    ) -> Bool {
        precondition(pieces.k == b.k, "pieces of \(pieces.k) columns do not fit weights of depth \(b.k)")
        guard !readsAInPlace(m: m, k: b.k, panels: b.panelCount) else {
            let joined = UnsafeMutablePointer<Float>.allocate(capacity: m * b.k)
            defer { joined.deallocate() }
            pieces.join(rows: 0..<m, into: joined)
            return multiply(m: m, a: joined, lda: b.k, b: b, c: c, ldc: ldc, bias: bias, residual: residual)
        }
        return run(m: m, a: .pieces(pieces), b: b, c: c, ldc: ldc, bias: bias, residual: residual)
    }

    /// A convolution as implicit GEMM: `C = windows * B + bias[j]` (then ReLU), with A's
    /// rows (one per output pixel, `m` of them) read from the zero-padded map in place,
    /// no im2col copy. B is the HWIO weights `(kh * kw * channels, cout)`, packed.
    /// The result as in the multiply above.
    @discardableResult
    public func multiply(
        m: Int, windows: ConvolutionWindows, b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil, relu: Bool = false
    ) -> Bool {
        precondition(b.k % windows.rowLength == 0, "weights of depth \(b.k) do not fit windows of rows \(windows.rowLength)")
        return run(m: m, a: .windows(windows), b: b, c: c, ldc: ldc, accumulate: false, bias: bias, relu: relu)
    }

    /// `run` with a residual block's add: C may be the shortcut itself, at its row length.
    private func run(
        m: Int, a: AOperand, b: PackedMatrix, c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>?,
        residual: ResidualAdd
    ) -> Bool {
        precondition(residual.ld >= b.n)
        precondition(residual.shortcut != UnsafePointer(c) || residual.ld == ldc, "C written over a shortcut of another row length")
        return run(m: m, a: a, b: b, c: c, ldc: ldc, accumulate: false, bias: bias, relu: false, residual: residual)
    }

    private func run(
        m: Int, a: AOperand, b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, bias: UnsafePointer<Float>?, relu: Bool,
        residual: ResidualAdd? = nil
    ) -> Bool {
        let n = b.n
        let k = b.k
        guard m > 0, n > 0 else { return true }
        precondition(ldc >= n)
        if k == 0 {
            var allFinite = true
            for i in 0..<m {
                for j in 0..<n {
                    var value = (accumulate ? c[i * ldc + j] : 0) + (bias?[j] ?? 0)
                    if relu { value = max(value, 0) }
                    if let residual {
                        value = ResidualAdd.combine(residual.shortcut[i * residual.ld + j], value, scale: residual.scale, relu: residual.relu)
                    }
                    c[i * ldc + j] = value
                    allFinite = allFinite && value.isFinite
                }
            }
            return allFinite
        }
        let inPlace = readsAInPlace(m: m, k: k, panels: b.panelCount)
        let oneBlockInPlace = m <= Blocking.inPlaceRows && inPlace
        // With one row block (A read in place), K is not cut at all, not even at a
        // window's kernel rows (the kernel jumps between them): B's panel streams from
        // L2 rather than L1, but each C tile is written once, not once per block; the
        // 8x8 stage ran 4-5% faster so, and the 7x1 convolution another 10%.
        let blocks = kBlocks(k: k, segment: a.segment(k: k), maximum: oneBlockInPlace ? k : Blocking.kc)
        // C written over its shortcut, with K cut into blocks: C holds partial sums before
        // the last block, so the add reads the shortcut from a copy.
        let copiedShortcut = blocks.count > 1 ? residual.flatMap { Self.copyOfShortcut($0, overwrittenBy: c, m: m, n: n) } : nil
        defer { copiedShortcut.map { UnsafeMutablePointer(mutating: $0.shortcut).deallocate() } }
        // A read in place as one row block: every row's start, found once for all panels.
        let rowStarts = oneBlockInPlace ? UnsafeMutablePointer<UnsafePointer<Float>>.allocate(capacity: m) : nil
        defer { rowStarts?.deallocate() }
        if let rowStarts {
            for i in 0..<m { rowStarts[i] = a.row(i, at: 0) }
        }
        let job = GEMMJob(
            m: m, n: n, k: k, a: a, b: b, blocks: blocks, c: c, ldc: ldc,
            accumulate: accumulate, bias: bias, relu: relu, residual: copiedShortcut ?? residual, code: tileCode,
            rowStarts: rowStarts.map { UnsafePointer($0) })
        let flops = 2 * m * n * k
        let workers = flops < Blocking.parallelThreshold ? 1 : threads
        if m <= Blocking.inPlaceRows {
            let packedA: PackedRows? = oneBlockInPlace ? nil : PackedRows(rows: 0..<m, k: k)
            packedA?.pack(a, blocks: job.blocks)
            // One row block: the micro-kernel reads A's rows in place (no serial packing
            // before the parallel part), or, where `Blocking.packsSingleBlock` says so, from
            // A packed once here for all panels. Each worker takes B panels from the front
            // of its own contiguous run, streaming them from memory in order (the first tile
            // of each panel prefetches ahead into the stream as it computes), and then
            // steals from the back of the others' (`PanelRuns`): contiguous runs keep each
            // worker's memory stream in order, stealing evens out the end.
            // With two workers or more, each panel is `Blocking.rowPartsPerPanel` items, its
            // rows cut in whole tiles, so that the last items to be stolen are parts of panels.
            let parts = min(workers, b.panelCount)
            let tiles = (m + Blocking.mr - 1) / Blocking.mr
            let rowParts = Self.tileRanges(m: m, parts: parts > 1 ? min(Blocking.rowPartsPerPanel, tiles) : 1)
            let runs = PanelRuns(panels: b.panelCount * rowParts.count, parts: parts)
            Self.parallelFor(parts) { part in
                while let item = runs.next(for: part) {
                    let panel = item / rowParts.count
                    job.compute(rows: rowParts[item % rowParts.count], packed: packedA, panels: panel..<(panel + 1))
                }
            }
        } else {
            // Several row blocks: each item packs its own rows of A (at most
            // mc + mr - 1 of them, so its packed K block stays in L2), unless B is thin.
            let items = Self.rowItems(m: m, workers: workers)
            let runItem = { @Sendable (item: Int) in
                let rows = items[item]
                // A thin B (at most `Blocking.thinPanels` panels: the stem's three 3x3s,
                // Block35's branches at 299) uses each packed A element only a few times:
                // packing costs more than it saves. A is read in place, each row tile
                // through all the panels while in L1 (`GEMMJob.compute`).
                if inPlace {
                    job.compute(rows: rows, packed: nil, panels: 0..<b.panelCount)
                    return
                }
                let packedA = PackedRows(rows: rows, k: k)
                packedA.pack(job.a, blocks: job.blocks)
                job.compute(rows: rows, packed: packedA, panels: 0..<b.panelCount)
            }
            if workers == 1 {
                for item in items.indices { runItem(item) }
            } else {
                Self.parallelFor(items.count, runItem)
            }
        }
        return !job.wroteNonFinite.isSet
    }

    /// Whether a multiply of this shape reads A in place, unpacked: with one row block
    /// (M up to `Blocking.inPlaceRows`) unless it packs after all (`packsSingleBlockA`,
    /// `Blocking.packsSingleBlock`); with several, when B is thin (`Blocking.thinPanels`).
    func readsAInPlace(m: Int, k: Int, panels: Int) -> Bool {
        guard m <= Blocking.inPlaceRows else { return panels <= Blocking.thinPanels }
        return !(packsSingleBlockA || Blocking.packsSingleBlock(k: k, panels: panels))
    }

    /// The add reading a copy of the shortcut's `m x n` values (rows `n` apart) when C is
    /// written over the shortcut, else nil.
    private static func copyOfShortcut(_ residual: ResidualAdd, overwrittenBy c: UnsafeMutablePointer<Float>, m: Int, n: Int)
        -> ResidualAdd?
    {
        guard residual.shortcut == UnsafePointer(c) else { return nil }
        let copy = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        for i in 0..<m { (copy + i * n).initialize(from: residual.shortcut + i * residual.ld, count: n) }
        return ResidualAdd(shortcut: copy, ld: n, scale: residual.scale, relu: residual.relu)
    }

    /// The row blocks of a multiply with several: at least one per `Blocking.mc` rows,
    /// and with several workers three per worker when there are rows enough (a late
    /// worker then takes fewer), a multiple of the worker count. The rows are shared
    /// out in whole tiles of `Blocking.mr` as evenly as they go, so that blocks differ
    /// by at most one tile. (With blocks of a fixed size the last one was short, and
    /// the worker that drew it sat idle while the other finished a full one: M = 1225,
    /// Block35 at 299, was nine blocks of 126 rows and one of 91.)
    static func rowItems(m: Int, workers: Int) -> [Range<Int>] {
        let mr = Blocking.mr
        let tiles = (m + mr - 1) / mr
        var items = (m + Blocking.mc - 1) / Blocking.mc
        if workers > 1 {
            items = max(items, workers * 3 <= tiles ? workers * 3 : workers)
            items = (items + workers - 1) / workers * workers
        }
        return tileRanges(m: m, parts: min(items, tiles))
    }

    /// Rows `0 ..< m` in `parts` ranges of whole tiles of `Blocking.mr` (the last may end
    /// in an edge tile), shared out as evenly as they go: they differ by at most one tile.
    /// `parts` is at most the number of tiles, so none is empty.
    static func tileRanges(m: Int, parts: Int) -> [Range<Int>] {
        let mr = Blocking.mr
        let tiles = (m + mr - 1) / mr
        return (0..<parts).map { part in
            (part * tiles / parts * mr)..<min(m, (part + 1) * tiles / parts * mr)
        }
    }

    /// Runs `body(0..<count)` on up to all cores; the calling thread takes part.
    static func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
        WorkerPool.shared.parallelFor(count, body)
    }
}
