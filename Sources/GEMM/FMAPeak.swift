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
        // 12 chains x 8 lanes x 2 flops per step; about 4 steps a nanosecond on both pipes.
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
            best = max(best, Double(threads * steps * 12 * 8 * 2) / elapsed / 1e9)
        }
        return best
    }

    /// 12 independent accumulators (enough to cover 2 pipes x 4 cycles of FMA latency,
    /// as in the 6 x 16 micro-kernel), no memory traffic.
    @inline(never)
    static func chains(steps: Int) -> Float {
        typealias V = SIMD8<Float>
        let x = V(repeating: 0.999_999), y = V(repeating: 1e-7)
        var a0 = V(repeating: 1), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0
        var a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0
        for _ in 0..<steps {
            a0 = a0.addingProduct(x, y); a1 = a1.addingProduct(x, y); a2 = a2.addingProduct(x, y)
            a3 = a3.addingProduct(x, y); a4 = a4.addingProduct(x, y); a5 = a5.addingProduct(x, y)
            a6 = a6.addingProduct(x, y); a7 = a7.addingProduct(x, y); a8 = a8.addingProduct(x, y)
            a9 = a9.addingProduct(x, y); a10 = a10.addingProduct(x, y); a11 = a11.addingProduct(x, y)
        }
        return ((a0 + a1 + a2 + a3) + (a4 + a5 + a6 + a7) + (a8 + a9 + a10 + a11)).sum()
    }
}
