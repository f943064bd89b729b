import Synchronization
import Testing

@testable import GEMM

@Suite("Panel runs with stealing")
struct PanelRunsTests {
    @Test("One owner alone takes its run in order, then the others' from their backs")
    func order() {
        let runs = PanelRuns(panels: 10, parts: 2)  // runs 0..<5 and 5..<10
        var taken: [Int] = []
        while let panel = runs.next(for: 0) { taken.append(panel) }
        #expect(taken == [0, 1, 2, 3, 4, 9, 8, 7, 6, 5])
    }

    @Test("Owners working at once take every panel exactly once", arguments: [(1, 1), (7, 2), (68, 2), (130, 3), (5, 8)])
    func everyPanelOnce(shape: (panels: Int, parts: Int)) {
        let runs = PanelRuns(panels: shape.panels, parts: min(shape.parts, shape.panels))
        let taken = Mutex([Int](repeating: 0, count: shape.panels))
        WorkerPool.shared.parallelFor(runs.count) { part in
            while let panel = runs.next(for: part) { taken.withLock { $0[panel] += 1 } }
        }
        #expect(taken.withLock { $0 } == [Int](repeating: 1, count: shape.panels))
    }
}
