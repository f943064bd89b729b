import Computation
import Exploration
import FastComputation
import GEMM
import NetworkModel

/// One `explore bench`: the whole forward pass, fast and naive, then the GEMM of each
/// of `GEMMBenchShape.layers` as the network runs it, against OpenBLAS when it is
/// installed and the naive kernel; every subject timed under one `BenchProtocol`.
public enum BenchRun {
    /// Measures everything for the network `settings` describe (its kernels choice is ignored:
    /// every kernel runs). `quick` skips the naive subjects; `progress` gets one line per stage.
    public static func measure(
        settings: SessionSettings, protocol protocol_: BenchProtocol, quick: Bool,
        warning: (String) -> Void, progress: (String) -> Void
    ) throws -> BenchReport {
        let ledger = try settings.makeLedger()
        var machine = BenchMachine.current()
        OpenBLASGEMM.installed?.use(threads: machine.cores)
        let weights = try settings.makeWeights(for: ledger, warning: warning)
        let input = try settings.makeInput()

        progress("fast forward: folding and packing weights")
        let initStart = MonotonicClock.seconds()
        let fastBackend = try FastBackend(ledger: ledger, weights: weights)
        let initSeconds = MonotonicClock.seconds() - initStart
        var backends: [(name: String, threads: Int, make: () throws -> Backend)] = [
            (fastBackend.name, fastBackend.threads, { fastBackend })
        ]
        if !quick { backends.append(("naive", 1, { try NaiveBackend(ledger: ledger, weights: weights) })) }
        let passes = "\(protocol_.warmUpCalls) warm-up + \(protocol_.samples) timed passes" + (quick ? "" : " each (a naive one takes seconds)")
        progress("forward: \(backends.map(\.name).joined(separator: " and ")), \(passes)")
        // The peak resident memory after the first fast pass, before any naive one: the fast path's own.
        var peakRSS = 0.0
        let forward = try NetworkBenchResult.measure(
            ledger: ledger, backends: backends, input: input, protocol: protocol_,
            afterFirstPass: { peakRSS = BenchMachine.peakResidentMegabytes() })

        if OpenBLASGEMM.installed == nil {
            warning("no OpenBLAS library found (\(OpenBLASGEMM.libraryNames.joined(separator: ", "))): the GEMM table has no baseline rows")
        }
        var results: [GEMMBenchResult] = []
        for name in GEMMBenchShape.layers {
            guard let entry = ledger[name], let shape = GEMMBenchShape(entry, backend: fastBackend) else { continue }
            progress("GEMM \(shape.label) \(shape.m)x\(shape.n)x\(shape.k)")
            results.append(
                try GEMMBenchResult.measure(entry, shape: shape, backend: fastBackend, protocol: protocol_, skipNaive: quick))
        }
        let winograd = ledger.entries.filter { fastBackend.path(of: $0) == .winograd }.map(\.name)
        let lineWinograd = ledger.entries.filter { fastBackend.path(of: $0) == .lineWinograd }.map(\.name)
        // The peak again at the end, and the higher of the two: a busy moment at the start
        // would make every fraction of it look better than it is.
        machine.peakGFLOPS = max(machine.peakGFLOPS, FMAPeak.measure())
        return BenchReport(
            machine: machine, protocol: protocol_, ledger: ledger, forward: forward, gemm: results, winogradLayers: winograd,
            lineWinogradLayers: lineWinograd, fastInitSeconds: initSeconds, peakRSSMegabytes: peakRSS)
    }
}
