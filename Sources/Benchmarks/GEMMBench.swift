import GEMM
import NetworkModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One GEMM shape to time: 1024^3 or a layer's (M = output pixels, N = filters, K = kh*kw*cin).
struct GEMMBenchShape {
    let label: String
    let m: Int, n: Int, k: Int

    var flops: Int { 2 * m * n * k }

    /// One layer per stage, named here and sized by the ledger (so `--input-size` changes them).
    static let layers = [
        "Conv2d_2b_3x3",  // stem, 77x77 at 160
        "Conv2d_4a_3x3",  // stem, 36x36
        "Block35_1/Conv2d_1x1",  // 17x17 stage (up projection)
        "Block17_1/Branch_0/Conv2d_1x1",  // 8x8 stage, K = 1088
        "Block17_1/Conv2d_1x1",  // 8x8 stage (up projection)
        "Block8_1/Branch_0/Conv2d_1x1",  // 3x3 stage, K = 2080
    ]

    static func list(ledger: Ledger) -> [GEMMBenchShape] {
        var shapes = [GEMMBenchShape(label: "1024^3", m: 1024, n: 1024, k: 1024)]
        for name in layers {
            guard let entry = ledger[name], case .convolution(let conv) = entry.layer.op else { continue }
            let kernel = conv.window.kernel
            let map = entry.output.spatial
            shapes.append(
                GEMMBenchShape(
                    label: name, m: map.height * map.width, n: conv.filters,
                    k: kernel.height * kernel.width * entry.input.channels))
        }
        return shapes
    }
}

/// GFLOPS of every kernel on one shape.
struct GEMMBenchResult {
    let shape: GEMMBenchShape
    /// Kernel name -> GFLOPS of the best round (the least disturbed by other work on the
    /// machine); nil when skipped.
    let gflops: [(name: String, value: Double?)]
    /// The same from the median round.
    let medianGFLOPS: [(name: String, value: Double?)]

    func value(_ name: String) -> Double? { gflops.first { $0.name == name }?.value ?? nil }

    /// Times `GEMMKernels.all` and OpenBLAS; the fast kernels and OpenBLAS alternate
    /// round by round. The naive kernel runs once (it is the slow reference).
    static func measure(_ shape: GEMMBenchShape, rounds: Int, skipNaive: Bool) -> GEMMBenchResult {
        let kernels: [any GEMM] = GEMMKernels.all + (OpenBLASGEMM.installed.map { [$0] } ?? [])
        var state: UInt64 = 2018
        func random(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(state >> 40) * 0x1p-23 - 1
            }
        }
        let a = random(shape.m * shape.k)
        let b = random(shape.k * shape.n)
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        var openBLASRanLast = false
        func time(_ kernel: any GEMM, repeats: Int) -> Double {
            // Whoever ran before leaves the cores: this pool's spinning worker sleeps at
            // once, OpenBLAS's threads spin on for about 110 ms after a call, so after
            // OpenBLAS wait that out. Then one untimed round, so that every kernel starts
            // its timed calls alike: its threads awake, caches and clock warm
            // (BENCHMARKS.md has the figures that showed both matter).
            WorkerPool.shared.park()
            usleep(openBLASRanLast ? 150_000 : 2_000)
            openBLASRanLast = kernel is OpenBLASGEMM
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        func multiply() {
                            kernel.multiply(
                                m: shape.m, n: shape.n, k: shape.k, a: a.baseAddress!, lda: shape.k,
                                b: b.baseAddress!, ldb: shape.n, c: c.baseAddress!, ldc: shape.n, accumulate: false)
                        }
                        for _ in 0..<repeats { multiply() }
                        let start = MonotonicClock.seconds()
                        for _ in 0..<repeats { multiply() }
                        return (MonotonicClock.seconds() - start) / Double(repeats)
                    }
                }
            }
        }
        var samples: [String: [Double]] = [:]
        let timed = kernels.filter { $0.name != NaiveGEMM().name }
        // Repeats per round: ~5 ms at ~100 GFLOPS, so rounds are short and interleave finely.
        let repeats = max(1, Int(5e8 / Double(shape.flops)))
        for kernel in timed { _ = time(kernel, repeats: 1) }  // warm up: threads, caches, page faults
        for _ in 0..<max(1, rounds) {
            for kernel in timed { samples[kernel.name, default: []].append(time(kernel, repeats: repeats)) }
        }
        if !skipNaive { samples[NaiveGEMM().name] = [time(NaiveGEMM(), repeats: 1)] }
        /// Per kernel, GFLOPS of the round `pick` chooses from its times (nil: not run).
        func gflops(_ pick: ([Double]) -> Double) -> [(name: String, value: Double?)] {
            kernels.map { kernel in (kernel.name, samples[kernel.name].map { Double(shape.flops) / pick($0) / 1e9 }) }
        }
        return GEMMBenchResult(shape: shape, gflops: gflops { $0.min()! }, medianGFLOPS: gflops(median))
    }
}
