import Synchronization

/// The machine's measured single-precision FMA peak: what the FMA pipes deliver when
/// nothing else limits them. `explore bench` reports every kernel as a fraction of it.
///
/// Why measured and not `cores x 2 pipes x 8 lanes x 2 flops x clock`: on a virtual
/// machine `/proc/cpuinfo` gives the nominal clock (2.45 GHz here) while the cores
/// run boosted (about 3.1 GHz), and a fraction above 100% would explain nothing.
public enum FMAPeak {
    /// GFLOPS of independent register-only FMA chains on `threads` cores at once,
    /// the best of `rounds` runs of about `seconds` each.
    public static func measure(threads: Int = FastGEMM.defaultThreads, seconds: Double = 0.05, rounds: Int = 5) -> Double {
        let threads = max(1, threads)
        // 12 chains x 8 (or 16) lanes x 2 flops per step; about 4 steps a nanosecond on both pipes.
        let steps = max(1_000, Int(seconds * 1e9 / 4))
        var best = 0.0
        for _ in 0..<max(1, rounds) {
            let start = MonotonicClock.seconds()
            // Summed where the optimiser cannot see it unused, so the loops stay.
            let sink = Mutex<Float>(0)
            WorkerPool.shared.parallelFor(threads) { _ in
                let value = chains(steps: steps)
                sink.withLock { $0 += value }
            }
            let elapsed = MonotonicClock.seconds() - start
            best = max(best, Double(threads * steps * 12 * TileCode.selected.lanes * 2) / elapsed / 1e9)
        }
        return best
    }

    /// 12 independent accumulators (enough to cover 2 pipes x 4 cycles of FMA latency,
    /// as in the 6 x 16 micro-kernel), no memory traffic, in the selected tile code.
    static func chains(steps: Int) -> Float {
        TileCode.selected.multiplyAddChains(steps: steps)
    }
}
