@testable import GEMM
import Testing

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
}
