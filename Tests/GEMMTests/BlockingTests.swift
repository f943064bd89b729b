import Testing

@testable import GEMM

@Suite("K blocks of equal depth")
struct BlockingTests {
    @Test("Blocks cover K, are at most kc deep and differ by at most one row from the others")
    func equalBlocks() {
        for k in 1...3000 {
            let depth = Blocking.depth(forK: k)
            let blocks = (k + depth - 1) / depth
            let last = k - (blocks - 1) * depth
            #expect(depth <= Blocking.kc && depth >= 1, "k \(k): depth \(depth)")
            #expect(blocks == (k + Blocking.kc - 1) / Blocking.kc, "k \(k): \(blocks) blocks, more than needed")
            #expect(last >= 1 && depth - last < blocks, "k \(k): blocks of \(depth), last \(last)")
        }
        #expect(Blocking.depth(forK: 1088, maximum: 256) == 218)
        #expect(Blocking.depth(forK: 384, maximum: 256) == 192)
        #expect(Blocking.depth(forK: 256, maximum: 256) == 256)
        #expect(Blocking.depth(forK: 1088, maximum: 512) == 363)
    }

    @Test("One row block packs A for the up projections (short K, wide B), not for the branches")
    func singleBlockPacking() {
        // (K, panels): Block35's, Block17's and Block8's up projections pack; Block17's 1x1 branch
        // (K 1088), its 7x1 (K 1120) and Block35's 3x3s (at most 4 panels) read in place.
        #expect(Blocking.packsSingleBlock(k: 128, panels: 20))
        #expect(Blocking.packsSingleBlock(k: 384, panels: 68))
        #expect(Blocking.packsSingleBlock(k: 448, panels: 130))
        #expect(!Blocking.packsSingleBlock(k: 1088, panels: 12))
        #expect(!Blocking.packsSingleBlock(k: 1120, panels: 12))
        #expect(!Blocking.packsSingleBlock(k: 432, panels: 4))
        #expect(!Blocking.packsSingleBlock(k: 288, panels: 3))
    }

    @Test("K blocks group whole segments (kernel rows), or cut a long one evenly")
    func segmentBlocks() {
        // Block35's 3x3 on 32 channels: three kernel rows of 96, one block.
        #expect(kBlocks(k: 288, segment: 96, maximum: 512).map(\.depth) == [288])
        // Block17's 7x1 with A in place (maximum = K): one block of seven rows of 160.
        #expect(kBlocks(k: 1120, segment: 160, maximum: 1120).map(\.depth) == [1120])
        // Mixed_5b's 5x5 on 48 channels: five rows of 240, two fit in 512: 1 + 2 + 2.
        #expect(kBlocks(k: 1200, segment: 240, maximum: 512).map(\.start) == [0, 240, 720])
        #expect(kBlocks(k: 1200, segment: 240, maximum: 512).map(\.depth) == [240, 480, 480])
        // Rows of 600 > 512: each cut in two equal blocks of 300, never across rows.
        #expect(kBlocks(k: 1800, segment: 600, maximum: 512).map(\.depth) == [300, 300, 300, 300, 300, 300])
        for segment in [1, 7, 96, 160, 300, 513] {
            for segments in 1...9 {
                let k = segment * segments
                let blocks = kBlocks(k: k, segment: segment, maximum: 512)
                var next = 0
                for (start, depth) in blocks {
                    #expect(start == next && depth > 0, "segment \(segment) k \(k): gap or overlap at \(start)")
                    let wholeSegments = start % segment == 0 && depth % segment == 0
                    let insideOne = start / segment == (start + depth - 1) / segment
                    #expect(wholeSegments || insideOne, "segment \(segment) k \(k): block \(start)+\(depth) splits a segment")
                    #expect(depth <= 512 || insideOne, "segment \(segment) k \(k): block of \(depth)")
                    next = start + depth
                }
                #expect(next == k, "segment \(segment) k \(k): blocks end at \(next)")
            }
        }
    }

    @Test("Row blocks cover M in order, in whole tiles, and differ by at most one tile")
    func rowItems() {
        // Block35 at 299: 1225 rows on two workers, ten blocks.
        #expect(FastGEMM.rowItems(m: 1225, workers: 2).map(\.count) == [120, 126, 120, 126, 120, 126, 120, 126, 120, 121])
        for workers in 1...4 {
            for m in (Blocking.mc + 1)...3000 {
                let items = FastGEMM.rowItems(m: m, workers: workers)
                let sizes = items.map(\.count)
                #expect(items.first?.lowerBound == 0 && items.last?.upperBound == m, "m \(m): blocks do not cover M")
                #expect(zip(items, items.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "m \(m): gap or overlap")
                #expect(items.dropLast().allSatisfy { $0.lowerBound % Blocking.mr == 0 && $0.count % Blocking.mr == 0 }, "m \(m): a block cuts a tile")
                #expect(sizes.max()! - sizes.min()! <= Blocking.mr, "m \(m), \(workers) workers: blocks \(sizes)")
                #expect(sizes.max()! < Blocking.mc + Blocking.mr, "m \(m): a block of \(sizes.max()!) rows leaves L2")
                #expect(workers == 1 || items.count % workers == 0, "m \(m): \(items.count) blocks for \(workers) workers")
            }
        }
    }
}
