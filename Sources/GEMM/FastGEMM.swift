import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The optimised SGEMM: packed operands, cache blocking (`Blocking`), the 6 x 16
/// FMA micro-kernel, and both cores.
///
/// Parallel split: when M spans several `mc` blocks, each work item is a block of
/// rows (it packs its own A and sweeps all of B, which stays in L3); when M fits one
/// block (the 8x8 and 3x3 stages: M = 64, 9), A is packed once and the items are
/// groups of B panels, so every packed weight panel is read from memory exactly
/// once for all rows.
public struct FastGEMM: GEMM {
    public let name = "fast"
    /// Worker count (the calling thread is one of them).
    public let threads: Int
    /// With a single row block, pack A first (true) or read its rows in place (false).
    public let packsSingleBlockA: Bool

    public init(threads: Int = FastGEMM.defaultThreads, packsSingleBlockA: Bool = false) {
        self.threads = max(1, threads)
        self.packsSingleBlockA = packsSingleBlockA
    }

    /// The number of online processors.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool
    ) {
        precondition(ldb >= n)
        // One row block reads each B panel once: pack it on the fly, panel by panel,
        // in the worker that uses it (it stays in L1). Several row blocks share B: pack it once.
        let operand: BOperand = m <= Blocking.mc
            ? .rows(UnsafeSendable(b), ldb: ldb, k: k, n: n)
            : .packed(PackedMatrix(k: k, n: n, b: b, ldb: ldb))
        run(m: m, a: a, lda: lda, b: operand, c: c, ldc: ldc, accumulate: accumulate, bias: nil, relu: false)
    }

    /// `C = A * B (+ C when accumulate) (+ bias[j]) (then max(., 0) when relu)` with B
    /// packed beforehand; `bias` holds `b.n` floats. The bias and the ReLU are applied
    /// in the write-out of the last K block, while the tile is still in registers.
    public func multiply(
        m: Int, a: UnsafePointer<Float>, lda: Int,
        b: PackedMatrix,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        accumulate: Bool = false, bias: UnsafePointer<Float>? = nil, relu: Bool = false
    ) {
        run(m: m, a: a, lda: lda, b: .packed(b), c: c, ldc: ldc, accumulate: accumulate, bias: bias, relu: relu)
    }

    private func run(
        m: Int, a: UnsafePointer<Float>, lda: Int, b: BOperand,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, bias: UnsafePointer<Float>?, relu: Bool
    ) {
        let n = b.n, k = b.k
        guard m > 0, n > 0 else { return }
        precondition(lda >= k && ldc >= n)
        if k == 0 {
            for i in 0..<m {
                for j in 0..<n {
                    var value = (accumulate ? c[i * ldc + j] : 0) + (bias?[j] ?? 0)
                    if relu { value = max(value, 0) }
                    c[i * ldc + j] = value
                }
            }
            return
        }
        let job = Job(m: m, n: n, k: k, a: a, lda: lda, b: b, c: c, ldc: ldc,
                      accumulate: accumulate, bias: bias, relu: relu)
        let flops = 2 * m * n * k
        let workers = flops < Blocking.parallelThreshold ? 1 : threads
        if m <= Blocking.mc {
            let packedA: PackedRows? = packsSingleBlockA ? PackedRows(rows: m, k: k) : nil
            packedA?.pack(a: a, lda: lda)
            // One row block: the micro-kernel reads A's rows in place (no serial packing
            // before the parallel part); the items are groups of B panels.
            // Several groups per worker: a worker that starts late (a busy machine) finds
            // fewer left, and the others take them.
            let groups = workers == 1 ? 1 : min(b.panelCount, workers * 4)
            let perGroup = (b.panelCount + groups - 1) / groups
            let groupCount = (b.panelCount + perGroup - 1) / perGroup
            Self.parallelFor(workers == 1 ? 1 : groupCount) { group in
                let panels = workers == 1 ? 0..<b.panelCount
                    : (group * perGroup)..<min(b.panelCount, (group + 1) * perGroup)
                job.compute(rows: 0..<m, packed: packedA, panels: panels)
            }
        } else {
            // Several row blocks: each item packs its own rows of A.
            // Several row blocks: each item packs its own rows of A (at most
            // mc + mr - 1 of them, so its packed K block stays in L2).
            let mr = Blocking.mr
            var items = (m + Blocking.mc - 1) / Blocking.mc
            if workers > 1 { items = max(items, workers * 3 <= m / mr ? workers * 3 : workers); items = (items + workers - 1) / workers * workers }
            let rowsPerItem = ((m + items - 1) / items + mr - 1) / mr * mr
            let itemCount = (m + rowsPerItem - 1) / rowsPerItem
            let runItem = { @Sendable (item: Int) in
                let rows = (item * rowsPerItem)..<min(m, (item + 1) * rowsPerItem)
                let packedA = PackedRows(rows: rows.count, k: k)
                packedA.pack(a: job.a + rows.lowerBound * job.lda, lda: job.lda)
                job.compute(rows: rows, packed: packedA, panels: 0..<b.panelCount)
            }
            if workers == 1 {
                for item in 0..<itemCount { runItem(item) }
            } else {
                Self.parallelFor(itemCount, runItem)
            }
        }
    }

    /// Runs `body(0..<count)` on up to all cores; the calling thread takes part.
    static func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
        WorkerPool.shared.parallelFor(count, body)
    }
}

/// The B operand: packed beforehand, or plain rows packed panel by panel as they are used.
enum BOperand: @unchecked Sendable {
    case packed(PackedMatrix)
    case rows(UnsafeSendable, ldb: Int, k: Int, n: Int)

    var k: Int {
        switch self {
        case .packed(let matrix): matrix.k
        case .rows(_, _, let k, _): k
        }
    }

    var n: Int {
        switch self {
        case .packed(let matrix): matrix.n
        case .rows(_, _, _, let n): n
        }
    }

    var panelCount: Int { (n + Blocking.nr - 1) / Blocking.nr }
}

/// One multiply's operands, shared by its work items.
private struct Job: @unchecked Sendable {
    let m: Int, n: Int, k: Int
    let a: UnsafePointer<Float>, lda: Int
    let b: BOperand
    let c: UnsafeMutablePointer<Float>, ldc: Int
    let accumulate: Bool
    let bias: UnsafePointer<Float>?
    let relu: Bool

    /// C rows `rows` times B panels `panels`, K block by K block. A comes from `packed`
    /// (rows `rows` packed), or when nil straight from `a` (a partial last row panel is
    /// packed into scratch, so no row past `m` is read).
    func compute(rows: Range<Int>, packed: PackedRows?, panels: Range<Int>) {
        let mr = Blocking.mr, nr = Blocking.nr
        let rowPanels = (rows.count + mr - 1) / mr
        let lastHeight = rows.count - (rowPanels - 1) * mr
        // 6 x 16 edge tile, one kc x 16 B panel (plain B), one 6 x kc A panel (edge rows of plain A).
        let scratchCount = mr * nr + Blocking.kc * nr + mr * Blocking.kc
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchCount * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
            .bindMemory(to: Float.self, capacity: scratchCount)
        defer { UnsafeMutableRawPointer(scratch).deallocate() }
        do {
            let tilePointer = scratch
            let bScratch = scratch + mr * nr
            let aScratch = bScratch + Blocking.kc * nr
            var pc = 0
            while pc < k {
                let kcb = min(Blocking.kc, k - pc)
                let load = accumulate || pc > 0
                let finish = pc + kcb == k
                let aBlock = packed?.block(pc)
                if packed == nil && lastHeight < mr {
                    let first = a + (rows.upperBound - lastHeight) * lda + pc
                    for p in 0..<kcb {
                        for r in 0..<mr { aScratch[p * mr + r] = r < lastHeight ? first[r * lda + p] : 0 }
                    }
                }
                for panel in panels {
                    let j0 = panel * nr
                    let width = min(nr, n - j0)
                    var bias0 = SIMD8<Float>(), bias1 = SIMD8<Float>()
                    if finish, let bias {
                        if width == nr {
                            bias0 = UnsafeRawPointer(bias + j0).loadUnaligned(as: SIMD8<Float>.self)
                            bias1 = UnsafeRawPointer(bias + j0 + 8).loadUnaligned(as: SIMD8<Float>.self)
                        } else {
                            for j in 0..<width {
                                if j < 8 { bias0[j] = bias[j0 + j] } else { bias1[j - 8] = bias[j0 + j] }
                            }
                        }
                    }
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
                        // In-place rows of A: (row stride lda, step 1); packed: (1, 6).
                        let inPlace = aBlock == nil && height == mr
                        let aPanel = aBlock.map { $0 + rowPanel * mr * kcb } ?? (inPlace ? a + i0 * lda + pc : UnsafePointer(aScratch))
                        if inPlace && width == nr {
                            microKernel6x16Rows(kc: kcb, a: aPanel, lda: lda, b: bPanel, c: cTile, ldc: ldc,
                                            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                        } else if inPlace {
                            if load {
                                for r in 0..<height {
                                    (tilePointer + r * nr).update(from: cTile + r * ldc, count: width)
                                }
                            }
                            microKernel6x16Rows(kc: kcb, a: aPanel, lda: lda, b: bPanel, c: tilePointer, ldc: nr,
                                            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                            for r in 0..<height {
                                (cTile + r * ldc).update(from: tilePointer + r * nr, count: width)
                            }
                        } else if height == mr && width == nr {
                            microKernel6x16(kc: kcb, a: aPanel, b: bPanel, c: cTile, ldc: ldc,
                                            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                        } else {
                            // Edge tile: compute the full 6 x 16 into a local tile, copy the valid part.
                            if load {
                                for r in 0..<height {
                                    (tilePointer + r * nr).update(from: cTile + r * ldc, count: width)
                                }
                            }
                            microKernel6x16(kc: kcb, a: aPanel, b: bPanel, c: tilePointer, ldc: nr,
                                            load: load, finish: finish, bias0: bias0, bias1: bias1, relu: relu)
                            for r in 0..<height {
                                (cTile + r * ldc).update(from: tilePointer + r * nr, count: width)
                            }
                        }
                    }
                }
                pc += kcb
            }
        }
    }
}

/// Rows of A packed for the micro-kernel: per K block (`kc` columns), panels of
/// `mr` rows stored column by column (`kcb` steps of `mr` floats), the last panel
/// zero-padded.
final class PackedRows: @unchecked Sendable {
    let rows: Int
    let k: Int
    let paddedRows: Int
    let storage: UnsafeMutablePointer<Float>

    init(rows: Int, k: Int) {
        self.rows = rows
        self.k = k
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
            let kcb = min(Blocking.kc, k - pc)
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
