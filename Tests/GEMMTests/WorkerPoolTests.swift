import Dispatch
import GEMM
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Counts how many times each index ran.
private final class Tally: Sendable {
    let counts: Mutex<[Int]>
    init(_ count: Int) { counts = Mutex([Int](repeating: 0, count: count)) }
    func mark(_ index: Int) { counts.withLock { $0[index] += 1 } }
    var all: [Int] { counts.withLock { $0 } }
}

@Suite("The worker pool runs every iteration exactly once")
struct WorkerPoolTests {
    @Test("Loops of many sizes, back to back", arguments: [0, 1, 2, 3, 7, 64, 1000])
    func backToBack(count: Int) {
        for _ in 0..<50 {
            let tally = Tally(count)
            WorkerPool.shared.parallelFor(count) { tally.mark($0) }
            #expect(tally.all == [Int](repeating: 1, count: count))
        }
    }

    @Test("Loops started from several threads at once (the pool is busy: Dispatch takes over)")
    func concurrentCallers() {
        let tallies = (0..<8).map { _ in Tally(97) }
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for _ in 0..<20 {
                WorkerPool.shared.parallelFor(97) { tallies[caller].mark($0) }
            }
        }
        for tally in tallies { #expect(tally.all == [Int](repeating: 20, count: 97)) }
    }

    @Test("A loop started inside a loop")
    func nested() {
        let tally = Tally(4 * 5)
        WorkerPool.shared.parallelFor(4) { outer in
            WorkerPool.shared.parallelFor(5) { inner in tally.mark(outer * 5 + inner) }
        }
        #expect(tally.all == [Int](repeating: 1, count: 20))
    }

    @Test("A loop after park() wakes the parked workers")
    func afterPark() {
        for _ in 0..<20 {
            WorkerPool.shared.parallelFor(4) { _ in }
            WorkerPool.shared.park()
            usleep(500)
            let tally = Tally(9)
            WorkerPool.shared.parallelFor(9) { tally.mark($0) }
            #expect(tally.all == [Int](repeating: 1, count: 9))
        }
    }

    @Test("A loop after the workers went to sleep wakes them")
    func afterSleep() {
        let tally = Tally(16)
        usleep(20_000)  // 10x the spin time: the workers are asleep on the condition variable
        WorkerPool.shared.parallelFor(16) { tally.mark($0) }
        #expect(tally.all == [Int](repeating: 1, count: 16))
    }
}
