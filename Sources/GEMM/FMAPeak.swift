import Synchronization

/// The machine's measured single-precision FMA peak: what the FMA pipes deliver when
/// nothing else limits them. `explore bench` reports every kernel as a fraction of it.
///
/// Why measured and not `cores x 2 pipes x 8 lanes x 2 flops x clock`: on a virtual
/// machine `/proc/cpuinfo` gives the nominal clock (2.45 GHz here) while the cores
/// run boosted (about 3.1 GHz), and a fraction above 100% would explain nothing.
public enum FMAPeak {
    /// GFLOPS of independent register-only FMA chains on `threads` cores at once,
    /// the best of `rounds` runs of about `seconds` each. Each chain times itself and a
    /// run's figure is the sum of the chains' rates: when a worker starts late (this
    /// pool hands the loop's iterations to whichever thread asks first), the calling
    /// thread runs its chain as well, one after the other, and timing the run as a whole
    /// would read one core's rate as the machine's.
    public static func measure(threads: Int = FastGEMM.defaultThreads, seconds: Double = 0.05, rounds: Int = 5) -> Double {
        let threads = max(1, threads)
        // 12 chains x 8 (or 16) lanes x 2 flops per step; about 4 steps a nanosecond on both pipes.
        let steps = max(1_000, Int(seconds * 1e9 / 4))
        let flopsPerChain = Double(steps * 12 * TileCode.selected.lanes * 2)
        var best = 0.0
        for _ in 0..<max(1, rounds) {
            // Summed where the optimiser cannot see it unused, so the loops stay.
            let sink = Mutex<(value: Float, gflops: Double)>((0, 0))
            WorkerPool.shared.parallelFor(threads) { _ in
                let start = MonotonicClock.seconds()
                let value = chains(steps: steps)
                let gflops = flopsPerChain / (MonotonicClock.seconds() - start) / 1e9
                sink.withLock { $0 = ($0.value + value, $0.gflops + gflops) }
            }
            best = max(best, sink.withLock { $0.gflops })
        }
        return best
    }

    /// 12 independent accumulators (enough to cover 2 pipes x 4 cycles of FMA latency,
    /// as in the 6 x 16 micro-kernel), no memory traffic, in the selected tile code.
    static func chains(steps: Int) -> Float {
        TileCode.selected.multiplyAddChains(steps: steps)
    }
}
