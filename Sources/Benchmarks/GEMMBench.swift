import FastComputation
import GEMM
import NetworkModel
import Tensors

/// One layer of the network whose GEMM the bench times: M = output pixels, N = filters,
/// K = kh*kw*cin, and the path the fast backend takes for it.
struct GEMMBenchShape {
    let label: String
    let path: FastLayerPath
    let m: Int, n: Int, k: Int

    var flops: Int { 2 * m * n * k }

    /// Layers of every stage and every GEMM path the network takes, named here and sized by
    /// the ledger (so `--input-size` changes them). Of the stem's other 3x3s, Conv2d_4a_3x3
    /// runs as Winograd, no GEMM.
    static let layers = [
        "Conv2d_1a_3x3",  // stem, RGB (rows of 9): windows in place
        "Conv2d_3b_1x1",  // stem, 1x1
        "Block35_1/Conv2d_1x1",  // 17x17 stage (up projection)
        "Mixed_6a/Branch_0/Conv2d_1a_3x3",  // 3x3 stride 2 on 320 channels: windows in place
        "Block17_1/Branch_0/Conv2d_1x1",  // 8x8 stage, K = 1088
        "Block17_1/Branch_1/Conv2d_0c_7x1",  // 7x1: windows in place
        "Block17_1/Conv2d_1x1",  // 8x8 stage (up projection)
        "Block8_1/Branch_0/Conv2d_1x1",  // 3x3 stage, K = 2080
    ]

    /// The shape of `entry` as `backend` runs it; nil when it runs no single GEMM.
    init?(_ entry: LedgerEntry, backend: FastBackend) {
        guard let path = backend.path(of: entry), !path.isWinograd, let weights = backend.gemmWeights(of: entry) else { return nil }
        label = entry.name
        self.path = path
        m = entry.output.spatial.height * entry.output.spatial.width
        n = weights.n
        k = weights.k
    }

    init(label: String, path: FastLayerPath, m: Int, n: Int, k: Int) {
        (self.label, self.path, self.m, self.n, self.k) = (label, path, m, n, k)
    }
}

/// Every kernel's measurement on one layer's GEMM.
struct GEMMBenchResult {
    let shape: GEMMBenchShape
    let callsPerSample: Int
    /// `fast`, then `openblas` when installed, then `naive` unless skipped.
    let measurements: [Measurement]

    func measurement(_ name: String) -> Measurement? { measurements.first { $0.name == name } }

    /// GFLOPS from a time per call.
    func gflops(seconds: Double) -> Double { Double(shape.flops) / seconds / 1e9 }

    /// Each other kernel's median over the fast kernel's.
    var ratios: [MedianRatio] {
        guard let fast = measurement(FastGEMM().name) else { return [] }
        return measurements.filter { $0.name != fast.name }.map { MedianRatio($0, over: fast) }
    }

    /// Times `entry`'s GEMM under `protocol_`: the fast kernel as the network calls it (the
    /// backend's own `forward`: weights packed at load, the input read in place or through
    /// im2col, bias and ReLU fused); OpenBLAS and the naive kernel on the same A, gathered
    /// once before the clock, and the plain folded weights.
    static func measure(
        _ entry: LedgerEntry, shape: GEMMBenchShape, backend: FastBackend, protocol protocol_: BenchProtocol, skipNaive: Bool
    ) throws -> GEMMBenchResult {
        var state: UInt64 = 2018
        let input = Tensor(
            shape: entry.inputTensorShapes[0],
            scalars: (0..<entry.input.dims.reduce(1, *)).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(state >> 40) * 0x1p-23 - 1
            })
        guard let rows = backend.gemmRows(of: entry, input: input), let weights = backend.gemmWeights(of: entry) else {
            preconditionFailure("\(entry.name) runs no single GEMM")
        }
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        defer { c.deallocate() }
        var openBLASRanLast = false
        func plain(_ kernel: any GEMM, threads: Int) -> BenchProtocol.Subject {
            BenchProtocol.Subject(name: kernel.name, threads: threads) {
                openBLASRanLast = kernel is OpenBLASGEMM
                rows.withUnsafeBufferPointer { a in
                    weights.scalars.withUnsafeBufferPointer { b in
                        kernel.multiply(
                            m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n, c: c, ldc: n, accumulate: false)
                    }
                }
            }
        }
        var subjects = [
            BenchProtocol.Subject(name: FastGEMM().name, threads: backend.threads) {
                _ = try backend.forward(entry, inputs: [input])
            }
        ]
        if let openBLAS = OpenBLASGEMM.installed { subjects.append(plain(openBLAS, threads: FastGEMM.defaultThreads)) }
        if !skipNaive { subjects.append(plain(NaiveGEMM(), threads: 1)) }
        // About 5 ms per sample at 100 GFLOPS, so that rounds are short and alternate finely.
        let calls = max(1, Int(5e8 / Double(shape.flops)))
        let measurements = try protocol_.measure(subjects, callsPerSample: calls) {
            // Whoever ran before leaves the cores: this pool's spinning worker sleeps at
            // once; OpenBLAS's threads spin on for about 110 ms after a call, so after
            // OpenBLAS that is waited out (BENCHMARKS.md has the figures).
            WorkerPool.shared.park()
            BenchMachine.pause(seconds: openBLASRanLast ? 0.150 : 0.002)
            openBLASRanLast = false
        }
        return GEMMBenchResult(shape: shape, callsPerSample: calls, measurements: measurements)
    }
}
