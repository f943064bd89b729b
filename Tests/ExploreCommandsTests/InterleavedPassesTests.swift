import Computation
import NetworkModel
import Synchronization
import Tensors
import Testing

@testable import Benchmarks

/// The speedup's measurement with stand-in backends: a "naive" one that takes a set
/// time per layer and a "fast" one that takes none, both counting their layers. No
/// figure is timed against a bound; what is checked is who ran when.
struct InterleavedPassesTests {
    /// Returns zeros of the expected shape, after `delay` seconds of waiting.
    final class CountingBackend: Backend {
        let name: String
        let delay: Double
        let layers = Atomic<Int>(0)

        init(name: String, delay: Double) {
            self.name = name
            self.delay = delay
        }

        func forward(_ entry: LedgerEntry, inputs: [Tensor]) throws -> Tensor {
            layers.add(1, ordering: .relaxed)
            if delay > 0 {
                let end = ContinuousClock.now + .seconds(delay)
                while ContinuousClock.now < end {}
            }
            let shape = entry.outputTensorShape
            return Tensor(shape: shape, scalars: [Float](repeating: 0, count: shape.reduce(1, *)))
        }
    }

    @Test func fastPassesRunBetweenTheNaiveLayersEachAfterAnUntimedOne() throws {
        let ledger = try Ledger.faceNet()
        let layers = ledger.entries.count
        // 0.2 ms per naive layer, a fast pass after every 20 ms of them: a pass about
        // every 100 layers.
        let naive = CountingBackend(name: "naive", delay: 0.0002)
        let fast = CountingBackend(name: "fast", delay: 0)
        let inputShape = ledger.entries[0].outputTensorShape
        let input = Tensor(shape: inputShape, scalars: [Float](repeating: 0, count: inputShape.reduce(1, *)))
        let result = try InterleavedPasses.measure(ledger: ledger, naive: naive, fast: fast, input: input, interval: 0.02)

        // One naive pass, every layer once, its time the sum of its layers' at least.
        #expect(naive.layers.load(ordering: .relaxed) == layers)
        #expect(result.naive.runSeconds.count == 1)
        #expect(result.naive.layerSeconds.count == layers)
        #expect(result.naive.layerSeconds.allSatisfy { $0 >= 0.0002 })
        #expect(result.naive.runSeconds[0] >= result.naive.layerSeconds.reduce(0, +))

        // Fast passes: one before the first naive layer, one after every 20 ms of naive
        // layers (the last one closing the pass), each run twice (untimed, then timed).
        let timed = result.fast.runSeconds.count
        let expected = 1 + Int(result.naive.runSeconds[0] / 0.02)
        #expect(timed >= expected - 1 && timed <= expected + 1, "\(timed) fast passes for \(result.naive.runSeconds[0]) s of naive layers")
        #expect(timed >= 3)
        #expect(fast.layers.load(ordering: .relaxed) == 2 * timed * layers)
        #expect(result.fast.layerSeconds.count == layers)
    }
}
