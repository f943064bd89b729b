import Synchronization
import Testing

@testable import FastComputation

@Suite("FastOps.parallelChunks")
struct ParallelChunksTests {
    @Test("Every index exactly once, in contiguous ranges, for any count and chunk count")
    func coversEveryIndexOnce() {
        // 5 rows in 4 chunks of 2 used to build the range 6..<5 for the fourth chunk and
        // trap (a 60x60 what-if input reaches MaxPool_5a with 5 output rows).
        for count in 0...40 {
            for chunks in 1...8 {
                let seen = Mutex([Int](repeating: 0, count: count))
                FastOps.parallelChunks(count, chunks: chunks) { range in
                    seen.withLock { for index in range { $0[index] += 1 } }
                }
                let counts = seen.withLock { $0 }
                #expect(counts.allSatisfy { $0 == 1 }, "count \(count), \(chunks) chunks: \(counts)")
            }
        }
    }
}
