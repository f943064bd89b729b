/// Register and cache blocking of the fast kernel, chosen for AVX2 + FMA on a
/// Zen-class core (32 KiB L1d, 512 KiB L2 per core, 32 MiB shared L3).
///
/// - `mr x nr = 6 x 16`: 12 `SIMD8<Float>` accumulators + 2 B vectors + 1
///   broadcast fill 15 of the 16 ymm registers; per k step 6 broadcasts and
///   2 loads feed 12 FMAs, enough to keep both FMA pipes busy.
/// - `kc = 512` (at most; see `depth(forK:)`; with A read in place, one row block,
///   K is not cut: `FastGEMM`): a B micro-panel (`kc x nr` = 32 KiB) is the size of
///   L1, so part of it comes from L2, but each C tile is loaded and stored half as
///   often as with 256 (faster on large multiplies: BENCHMARKS.md).
/// - `mc = 144`: the packed A block (`mc x kc` = 288 KiB) stays in L2.
/// - The packed B block (`kc x n`) is read from L3; the network's largest
///   weight matrix (448 x 2080, 3.6 MiB) fits with room to spare, so no `nc` loop.
public enum Blocking {
    public static let mr = 6
    public static let nr = 16
    public static let kc = 512
    public static let mc = 144
    /// A multiply of at most this many rows reads A in place, all of M as one row
    /// block, each worker taking B panels (`FastGEMM`); a longer one is cut into
    /// packed row blocks of about `mc`. Up to here, sweeping every row per B panel
    /// from L2/L3 costs less than packing A and streaming all of B once per row block:
    /// at M = 289 (Block17 at 299, Block35 at 160) the network's shapes ran 4-18%
    /// faster in place, at M = 1225 (Block35 at 299) 7% slower. Measurements: BENCHMARKS.md.
    public static let inPlaceRows = 320
    /// Whether a multiply with one row block packs A after all: when K is short (at most
    /// 448) and B wide (at least 8 panels). Each tile then computes only briefly from its
    /// six rows, read in place as six short streams from L2, and each packed row panel
    /// serves every B panel as one sequential stream (A, at most 320 x 448 floats, stays
    /// in L2). Alternated passes: Block17's up projection (K 384, 68 panels) 13-16% faster
    /// at 299 (M 289), 9% at 160 (M 64); Block35's (K 128, 20 panels) 12% at 160;
    /// Block8's (K 448, 130 panels) about 2% at 160 (M 9), the same at 299 (M 64). With
    /// K 1088 (Block17's branches) packing was 4-25% slower. Measurements: BENCHMARKS.md.
    static func packsSingleBlock(k: Int, panels: Int) -> Bool {
        k <= 448 && panels >= 8
    }

    /// With one row block, each B panel is this many work items (its rows in as many
    /// parts, whole tiles each): when a worker's own panels are done, it takes part of a
    /// panel from the other's run, not a whole one (at M 64, one panel of K 1120 is about
    /// 25 us). Alternated passes, in both start orders: with A in place, at 160 about 2%
    /// faster with 2 than with 1, at 299 about 1%, 4 no faster than 2; with A packed too,
    /// about 0.5% more at 160, the same at 299. Measurements: BENCHMARKS.md.
    static let rowPartsPerPanel = 2
    /// With several row blocks, a B of at most this many panels (N <= 64) reads A in
    /// place instead of packing it: for so few panels, packing A costs more than it
    /// saves (Block35's narrow convolutions); for more, packing wins on short K.
    /// Measurements: BENCHMARKS.md.
    public static let thinPanels = 4
    /// Below this many flops (2*m*n*k) a multiply runs on the calling thread only:
    /// handing work to another core costs a few microseconds.
    public static let parallelThreshold = 1_500_000
    /// The depth of the K blocks of a multiply with this `k`: equal blocks of at most
    /// `maximum`, so that no block is a short tail paying the write-out of a full one
    /// (with `maximum` 256: 1088 = 4 x 218 + 216, not 4 x 256 + 64; 384 = 2 x 192).
    public static func depth(forK k: Int, maximum: Int = kc) -> Int {
        guard k > maximum else { return max(k, 1) }
        let blocks = (k + maximum - 1) / maximum
        return (k + blocks - 1) / blocks
    }

    /// How far ahead of its reads the first tile of a panel prefetches B when A is
    /// read in place (B then streams from memory, panel after panel): 16 KiB, 256 k
    /// steps, a few memory latencies, and half of L1. A whole panel ahead (70-133 KiB
    /// on the 8x8 and 3x3 stages, more than L1) would be evicted again before use.
    static let prefetchLead = 16 * 1024

    /// Byte alignment of packed buffers (a cache line; also a ymm register's 32).
    static let alignment = 64
}
