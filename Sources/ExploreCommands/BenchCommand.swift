import ArgumentParser
import COpenBLAS
import Computation
import FastComputation
import GEMM
import JSONText
import LedgerReports
import ModelData
import NetworkModel
import Tensors
#if canImport(Glibc)
import Glibc
#endif

/// `explore bench`: GFLOPS of every GEMM kernel (and OpenBLAS as the baseline) on
/// 1024^3 and on the network's own shapes, then the whole forward pass naive vs fast.
///
/// Every figure is measured in this one run, kernels interleaved round by round, so
/// the ratios hold even on a machine shared with other work; absolute times do not.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Naive vs optimised kernels: GEMM GFLOPS (with OpenBLAS as baseline), forward time, peak memory.",
        discussion: "Runs every kernel, so --gemm is ignored. Figures are measured in this one run; compare ratios, not absolute times, on a shared machine."
    )

    /// Weights, input and what-ifs; `--gemm` is ignored (the bench runs every kernel).
    @OptionGroup var compute: ComputeOptions

    @Flag(help: "Print one JSON object (keys documented in cli.md).")
    var json = false

    @Flag(help: "Skip the slow naive figures (the naive 1024^3 GEMM and the naive forward pass).")
    var quick = false

    @Option(help: "Timed rounds per GEMM kernel and shape (the best and the median are reported).")
    var rounds = 15

    @Option(help: "Timed fast forward passes (the median is reported).")
    var runs = 9

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1, got \(rounds): try --rounds 15") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs): try --runs 9") }
    }

    /// Fast passes timed just before and just after the naive one (for the speedup).
    static let runsAroundNaive = 5

    func run() throws {
        let ledger = try compute.makeLedger()
        var machine = BenchMachine.current()
        openblas_set_num_threads(Int32(machine.cores))
        func progress(_ text: String) { writeStandardError("bench: \(text)\n") }
        let weights = try compute.makeWeights(for: ledger)
        let input = try compute.makeInput(size: compute.network.inputSize)

        // The forward pass first, so the peak resident memory is the fast path's alone.
        progress("fast forward: folding and packing weights")
        let initStart = MonotonicClock.seconds()
        var fastBackend: FastBackend? = try FastBackend(ledger: ledger, weights: weights)
        let initSeconds = MonotonicClock.seconds() - initStart
        progress("fast forward: \(runs) runs")
        let fast = try NetworkBenchResult.measure(ledger: ledger, backend: fastBackend!, input: input, runs: runs, warmUp: true)
        let peakRSS = BenchMachine.peakResidentMegabytes()

        var results: [GEMMBenchResult] = []
        for shape in GEMMBenchShape.list(ledger: ledger) {
            progress("GEMM \(shape.label) \(shape.m)x\(shape.n)x\(shape.k)")
            results.append(GEMMBenchResult.measure(shape, rounds: rounds, skipNaive: quick && shape.flops > 500_000_000))
        }

        // The speedup compares the naive pass with fast passes run just before and just
        // after it: minutes after the first fast runs, a shared machine can be a third
        // faster or slower, and the ratio would measure that drift.
        var naive: NetworkBenchResult? = nil
        var fastAroundNaive: NetworkBenchResult? = nil
        if !quick, let backend = fastBackend {
            progress("naive forward: 1 run (slow), between fast runs")
            let before = try NetworkBenchResult.measure(ledger: ledger, backend: backend, input: input, runs: Self.runsAroundNaive, warmUp: true)
            let naiveBackend = try NaiveBackend(ledger: ledger, weights: weights)
            naive = try NetworkBenchResult.measure(ledger: ledger, backend: naiveBackend, input: input, runs: 1, warmUp: false)
            let after = try NetworkBenchResult.measure(ledger: ledger, backend: backend, input: input, runs: Self.runsAroundNaive, warmUp: false)
            fastAroundNaive = before.joined(with: after)
        }
        fastBackend = nil
        // The peak again at the end, and the higher of the two: a busy moment at the start
        // would make every fraction of it look better than it is.
        machine.peakGFLOPS = max(machine.peakGFLOPS, FMAPeak.measure())
        let report = BenchReport(machine: machine, ledger: ledger, gemm: results, fast: fast, naive: naive, fastAroundNaive: fastAroundNaive,
                                 fastInitSeconds: initSeconds, peakRSSMegabytes: peakRSS, rounds: rounds)
        print(json ? report.json.serialized(pretty: true) : report.text)
    }
}

// MARK: - Whole network

/// Forward passes of one backend: wall time per run, and per layer (median over runs).
struct NetworkBenchResult {
    let backend: String
    let runSeconds: [Double]
    /// Per ledger entry, the median over runs of the backend's `forward` time.
    let layerSeconds: [Double]

    var medianSeconds: Double { median(runSeconds) }

    static func measure(ledger: Ledger, backend: Backend, input: Tensor, runs: Int, warmUp: Bool) throws -> NetworkBenchResult {
        if warmUp {
            try Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed).runToEnd()
        }
        var runSeconds: [Double] = []
        var perLayer = [[Double]](repeating: [], count: ledger.entries.count)
        for _ in 0..<max(1, runs) {
            let interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed)
            let start = MonotonicClock.seconds()
            let results = try interpreter.runToEnd()
            runSeconds.append(MonotonicClock.seconds() - start)
            for (index, result) in results.enumerated() { perLayer[index].append(result.seconds) }
        }
        return NetworkBenchResult(backend: backend.name, runSeconds: runSeconds, layerSeconds: perLayer.map(median))
    }

    /// Both sets of runs as one (per-layer times: this one's).
    func joined(with other: NetworkBenchResult) -> NetworkBenchResult {
        NetworkBenchResult(backend: backend, runSeconds: runSeconds + other.runSeconds, layerSeconds: layerSeconds)
    }

    /// Seconds summed by `group(entry)`, groups in order of first appearance.
    func grouped(_ ledger: Ledger, by group: (LedgerEntry) -> String) -> [(name: String, seconds: Double, macs: Int)] {
        var order: [String] = []
        var seconds: [String: Double] = [:], macs: [String: Int] = [:]
        for (entry, time) in zip(ledger.entries, layerSeconds) {
            let name = group(entry)
            if seconds[name] == nil { order.append(name) }
            seconds[name, default: 0] += time
            macs[name, default: 0] += entry.macs
        }
        return order.map { ($0, seconds[$0]!, macs[$0]!) }
    }

    /// The stage a layer belongs to: `stem`, `Mixed_5b`, `Block35 x10`, ..., `head`.
    static func stageNames(_ ledger: Ledger) -> [String: String] {
        var names: [String: String] = [:]
        var seenBlock = false
        for stage in ledger.network.stages {
            let title: String
            switch stage {
            case .layer: title = seenBlock ? "head" : "stem"
            case .block, .repeated: title = stage.title; seenBlock = true
            }
            for layer in stage.layers { names[layer.name] = title }
        }
        return names
    }

    /// `conv 3x3`, `conv 1x7`, `maxpool`, `concat`, ...
    static func opKind(_ entry: LedgerEntry) -> String {
        if case .convolution(let conv) = entry.layer.op { return "conv \(conv.window.kernel)" }
        return entry.layer.op.kind
    }
}

// MARK: - Machine

/// Cores, clock and the FMA peak.
struct BenchMachine {
    let cores: Int
    /// The clock `/proc/cpuinfo` gives (nominal: a virtual machine's cores run boosted).
    let gigahertz: Double
    /// The 1-minute load average when the bench started (other work sharing the cores).
    let loadAverage: Double?
    /// `FMAPeak.measure()`: register-only FMA chains on all cores (at the start and
    /// the end of the bench, the higher).
    var peakGFLOPS: Double

    /// cores x 2 FMA pipes x 8 float lanes x 2 flops x the nominal clock.
    var nominalPeakGFLOPS: Double { Double(cores) * 2 * 8 * 2 * gigahertz }

    static func current() -> BenchMachine {
        var megahertz = 0.0
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu MHz") }),
           let value = line.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters()) }) {
            megahertz = value
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first }.flatMap { Double($0) }
        return BenchMachine(cores: FastGEMM.defaultThreads, gigahertz: megahertz / 1000, loadAverage: load,
                            peakGFLOPS: FMAPeak.measure())
    }

    /// The process's peak resident set so far (`getrusage`'s `ru_maxrss`, KiB on Linux), in MB.
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024 / 1_000_000
    }
}

private func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

// MARK: - GEMM

/// OpenBLAS's `cblas_sgemm`, the benchmark's baseline (never used to compute the network).
struct OpenBLASGEMM: GEMM {
    let name = "openblas"

    func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), accumulate ? 1 : 0, c, Int32(ldc))
    }
}

/// One GEMM shape to time: 1024^3 or a layer's (M = output pixels, N = filters, K = kh*kw*cin).
struct GEMMBenchShape {
    let label: String
    let m: Int, n: Int, k: Int

    var flops: Int { 2 * m * n * k }

    /// One layer per stage, named here and sized by the ledger (so `--input-size` changes them).
    static let layers = [
        "Conv2d_2b_3x3",                      // stem, 77x77 at 160
        "Conv2d_4a_3x3",                      // stem, 36x36
        "Block35_1/Conv2d_1x1",               // 17x17 stage (up projection)
        "Block17_1/Branch_0/Conv2d_1x1",      // 8x8 stage, K = 1088
        "Block17_1/Conv2d_1x1",               // 8x8 stage (up projection)
        "Block8_1/Branch_0/Conv2d_1x1",       // 3x3 stage, K = 2080
    ]

    static func list(ledger: Ledger) -> [GEMMBenchShape] {
        var shapes = [GEMMBenchShape(label: "1024^3", m: 1024, n: 1024, k: 1024)]
        for name in layers {
            guard let entry = ledger[name], case .convolution(let conv) = entry.layer.op else { continue }
            let kernel = conv.window.kernel
            let map = entry.output.spatial
            shapes.append(GEMMBenchShape(label: name, m: map.height * map.width, n: conv.filters,
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
        let kernels: [any GEMM] = GEMMKernels.all + [OpenBLASGEMM()]
        var state: UInt64 = 2018
        func random(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(state >> 40) * 0x1p-23 - 1
            }
        }
        let a = random(shape.m * shape.k), b = random(shape.k * shape.n)
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        var openBLASRanLast = false
        func time(_ kernel: any GEMM, repeats: Int) -> Double {
            // Whoever ran before leaves the cores. This pool's spinning worker is sent to
            // sleep at once; OpenBLAS's threads spin at 100% of a core for about 110 ms
            // after each call (measured here, OpenBLAS 0.3.21), so after OpenBLAS wait
            // that out: otherwise the next kernel runs on one core and a half.
            // Then one untimed call, so that both kernels start their timed calls alike:
            // their own threads awake, the caches and the clock warm.
            WorkerPool.shared.park()
            usleep(openBLASRanLast ? 150_000 : 2_000)
            openBLASRanLast = kernel is OpenBLASGEMM
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        func multiply() {
                            kernel.multiply(m: shape.m, n: shape.n, k: shape.k, a: a.baseAddress!, lda: shape.k,
                                            b: b.baseAddress!, ldb: shape.n, c: c.baseAddress!, ldc: shape.n, accumulate: false)
                        }
                        multiply()
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
        let values = kernels.map { kernel -> (name: String, value: Double?) in
            guard let seconds = samples[kernel.name] else { return (kernel.name, nil) }
            return (kernel.name, Double(shape.flops) / seconds.min()! / 1e9)
        }
        let medians = kernels.map { kernel -> (name: String, value: Double?) in
            guard let seconds = samples[kernel.name] else { return (kernel.name, nil) }
            return (kernel.name, Double(shape.flops) / median(seconds) / 1e9)
        }
        return GEMMBenchResult(shape: shape, gflops: values, medianGFLOPS: medians)
    }
}

// MARK: - Report

struct BenchReport {
    let machine: BenchMachine
    let ledger: Ledger
    let gemm: [GEMMBenchResult]
    let fast: NetworkBenchResult
    let naive: NetworkBenchResult?
    /// Fast passes run just before and after the naive one: the speedup's denominator.
    let fastAroundNaive: NetworkBenchResult?
    let fastInitSeconds: Double
    let peakRSSMegabytes: Double
    /// Timed rounds per GEMM kernel and shape.
    let rounds: Int

    /// 2 flops per multiply-add over the fast path's median forward time.
    var networkGFLOPS: Double { 2 * Double(ledger.macs) / fast.medianSeconds / 1e9 }
    var speedup: Double? {
        guard let naive, let around = fastAroundNaive else { return nil }
        return naive.medianSeconds / around.medianSeconds
    }

    struct Breakdown {
        let name: String
        let fastSeconds: Double
        let naiveSeconds: Double?
        let macs: Int
    }

    func breakdown(by group: (LedgerEntry) -> String) -> [Breakdown] {
        let naiveGroups = naive?.grouped(ledger, by: group)
        return fast.grouped(ledger, by: group).enumerated().map { index, row in
            Breakdown(name: row.name, fastSeconds: row.seconds, naiveSeconds: naiveGroups?[index].seconds, macs: row.macs)
        }
    }

    var stages: [Breakdown] {
        let names = NetworkBenchResult.stageNames(ledger)
        return breakdown { names[$0.name] ?? "other" }
    }

    var opKinds: [Breakdown] {
        breakdown(by: NetworkBenchResult.opKind).sorted { $0.fastSeconds > $1.fastSeconds }
    }

    var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        let rows: [JSONValue] = gemm.map { result in
            let fast = result.value(FastGEMM().name), blas = result.value(OpenBLASGEMM().name)
            return .object([
                ("label", .string(result.shape.label)),
                ("m", .int(result.shape.m)), ("n", .int(result.shape.n)), ("k", .int(result.shape.k)),
                ("gflops", .object(result.gflops.map { ($0.name, number($0.value)) })),
                ("gflops_median", .object(result.medianGFLOPS.map { ($0.name, number($0.value)) })),
                ("fast_over_openblas", number(fast.flatMap { f in blas.map { f / $0 } })),
            ])
        }
        func breakdownJSON(_ rows: [Breakdown]) -> JSONValue {
            .array(rows.map { row in
                .object([
                    ("name", .string(row.name)),
                    ("fast_ms", number(row.fastSeconds * 1000)),
                    ("naive_ms", number(row.naiveSeconds.map { $0 * 1000 })),
                    ("macs", .int(row.macs)),
                    ("fast_gflops", number(row.macs > 0 ? 2 * Double(row.macs) / row.fastSeconds / 1e9 : nil)),
                ])
            })
        }
        return .object([
            ("forward_ms", .object([
                ("fast", number(fast.medianSeconds * 1000)),
                ("naive", number(naive.map { $0.medianSeconds * 1000 })),
            ])),
            ("forward_runs", .object([("fast", .int(fast.runSeconds.count)), ("naive", .int(naive?.runSeconds.count ?? 0))])),
            ("fast_runs_ms", .array(fast.runSeconds.map { number($0 * 1000) })),
            ("forward_ms_best", .object([("fast", number(fast.runSeconds.min().map { $0 * 1000 }))])),
            ("speedup_fast_over_naive", number(speedup)),
            ("fast_ms_around_naive", number(fastAroundNaive.map { $0.medianSeconds * 1000 })),
            ("network_macs", .int(ledger.macs)),
            ("network_gflops_fast", number(networkGFLOPS)),
            ("fraction_of_peak", number(networkGFLOPS / machine.peakGFLOPS)),
            ("fast_init_ms", number(fastInitSeconds * 1000)),
            ("stages", breakdownJSON(stages)),
            ("op_kinds", breakdownJSON(opKinds)),
            ("machine", .object([
                ("cores", .int(machine.cores)), ("clock_ghz", number(machine.gigahertz)),
                ("peak_gflops", number(machine.peakGFLOPS)), ("nominal_peak_gflops", number(machine.nominalPeakGFLOPS)),
                ("load_average", number(machine.loadAverage)),
            ])),
            ("gemm", .array(rows)),
            ("peak_rss_mb", number(peakRSSMegabytes)),
        ])
    }

    var text: String {
        var lines: [String] = []
        lines.append("Machine: \(machine.cores) cores, FMA peak \(format(machine.peakGFLOPS, 1)) GFLOPS measured (register-only FMA chains on every core; the nominal \(format(machine.gigahertz, 2)) GHz clock would give \(format(machine.nominalPeakGFLOPS, 1))), load average \(machine.loadAverage.map { format($0, 2) } ?? "-") at start")
        lines.append("")
        lines.append("GEMM GFLOPS (best of \(rounds) rounds, kernels interleaved round by round in this run, so ratios are fair on a shared machine; naive: 1 run)")
        var table = [["shape", "M", "N", "K"] + gemm[0].gflops.map(\.name) + ["fast/openblas", "fast/peak"]]
        for result in gemm {
            let fast = result.value(FastGEMM().name), blas = result.value(OpenBLASGEMM().name)
            table.append([result.shape.label, "\(result.shape.m)", "\(result.shape.n)", "\(result.shape.k)"]
                + result.gflops.map { $0.value.map { format($0, 1) } ?? "-" }
                + [fast.flatMap { f in blas.map { format(f / $0, 2) + "x" } } ?? "-",
                   fast.map { format(100 * $0 / machine.peakGFLOPS, 0) + "%" } ?? "-"])
        }
        lines.append(contentsOf: alignColumns(table))
        lines.append("")
        let naiveText = naive.map { naive in
            "naive \(format(naive.medianSeconds * 1000, 0)) ms (1 run, between fast runs of median \(format((fastAroundNaive?.medianSeconds ?? .nan) * 1000, 1)) ms), "
        } ?? "naive skipped (--quick), "
        lines.append("Whole network forward (\(ledger.network.configuration.inputSize)x\(ledger.network.configuration.inputSize), batch 1): fast \(format(fast.medianSeconds * 1000, 1)) ms (median of \(fast.runSeconds.count), best \(format((fast.runSeconds.min() ?? .nan) * 1000, 1))), \(naiveText)speedup \(speedup.map { format($0, 0) + "x" } ?? "-")")
        lines.append("Fast path: \(format(networkGFLOPS, 1)) GFLOPS on \(format(Double(ledger.macs) / 1e9, 2)) G multiply-adds = \(format(100 * networkGFLOPS / machine.peakGFLOPS, 0))% of peak; weights folded and packed in \(format(fastInitSeconds * 1000, 0)) ms")
        for (title, rows) in [("Time per stage", stages), ("Time per op kind", opKinds)] {
            lines.append("")
            lines.append(title)
            var table = [["", "fast ms", "naive ms", "G MACs", "fast GFLOPS"]]
            for row in rows {
                table.append([row.name, format(row.fastSeconds * 1000, 2), row.naiveSeconds.map { format($0 * 1000, 0) } ?? "-",
                              format(Double(row.macs) / 1e9, 3), row.macs > 0 ? format(2 * Double(row.macs) / row.fastSeconds / 1e9, 1) : "-"])
            }
            lines.append(contentsOf: alignColumns(table))
        }
        lines.append("")
        lines.append("Peak resident memory (fast forward, before any naive run): \(format(peakRSSMegabytes, 1)) MB")
        return lines.joined(separator: "\n")
    }
}

private func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if decimals == 0, text.hasSuffix(".0") { text.removeLast(2) }
    if decimals > 0 {
        let fraction = text.split(separator: ".").last.map(\.count) ?? 0
        text += String(repeating: "0", count: max(0, decimals - fraction))
    }
    return text
}

/// Left-aligned first column, right-aligned numbers, two spaces between columns.
private func alignColumns(_ rows: [[String]]) -> [String] {
    let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { column, cell in
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            return column == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ")
    }
}
