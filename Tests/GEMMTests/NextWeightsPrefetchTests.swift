import Testing

@testable import GEMM

@Suite("Prefetching the next multiply's weights")
struct NextWeightsPrefetchTests {
    /// (panels, tiles per panel, lines per tile, next weights' bytes): Block17's 1x1
    /// 1088 -> 192 before the 1x1 1088 -> 128; its 7x1 (K = 1120) before the 1x1
    /// 384 -> 1088; and a next matrix smaller than one line per panel.
    static let cases: [(Int, Int, Int, Int)] = [
        (12, 11, 1088, 1088 * 128 * 4), (12, 11, 1120, 384 * 1088 * 4), (3, 2, 10, 100),
    ]

    @Test("Tile 0 never prefetches the next weights; the later tiles cover each panel's share in order", arguments: cases)
    func sharesCoverTheNextWeights(shape: (panels: Int, tiles: Int, lines: Int, bytes: Int)) {
        let lineBytes = Blocking.nr * MemoryLayout<Float>.stride
        var covered = [Bool](repeating: false, count: shape.bytes)
        for panel in 0..<shape.panels {
            let share = (panel * shape.bytes / shape.panels)..<((panel + 1) * shape.bytes / shape.panels)
            #expect(GEMMJob.nextWeightsShare(panel: panel, tile: 0, lines: shape.lines, panels: shape.panels, bytes: shape.bytes) == nil)
            var previous = -1
            for tile in 1..<shape.tiles {
                guard
                    let start = GEMMJob.nextWeightsShare(
                        panel: panel, tile: tile, lines: shape.lines, panels: shape.panels,
                        bytes: shape.bytes)
                else { continue }
                #expect(share.contains(start), "panel \(panel) tile \(tile) starts at \(start), outside its share \(share)")
                #expect(start > previous, "panel \(panel) tile \(tile) starts at \(start), not after the tile before")
                previous = start
                for byte in start..<min(shape.bytes, start + shape.lines * lineBytes) { covered[byte] = true }
            }
        }
        #expect(covered.allSatisfy { $0 }, "bytes never prefetched: \(covered.indices.filter { !covered[$0] }.prefix(5))...")
    }
}
