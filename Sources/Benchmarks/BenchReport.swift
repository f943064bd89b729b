import GEMM
import JSONText
import LedgerReports
import NetworkModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct BenchReport {
    let machine: BenchMachine
    let ledger: Ledger
    let gemm: [GEMMBenchResult]
    let fast: NetworkBenchResult
    let naive: NetworkBenchResult?
    /// Fast passes run between the naive one's layers: the speedup's denominator.
    let fastWithNaive: NetworkBenchResult?
    let fastInitSeconds: Double
    let peakRSSMegabytes: Double
    /// Timed rounds per GEMM kernel and shape.
    let rounds: Int

    /// 2 flops per multiply-add over the fast path's median forward time.
    var networkGFLOPS: Double { 2 * Double(ledger.macs) / fast.medianSeconds / 1e9 }
    var speedup: Double? {
        guard let naive, let fastWithNaive else { return nil }
        return naive.medianSeconds / fastWithNaive.medianSeconds
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

    public var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        let rows: [JSONValue] = gemm.map { result in
            let fast = result.value(FastGEMM().name)
            let blas = result.value(OpenBLASGEMM.kernelName)
            return .object([
                ("label", .string(result.shape.label)),
                ("m", .int(result.shape.m)), ("n", .int(result.shape.n)), ("k", .int(result.shape.k)),
                ("gflops", .object(result.gflops.map { ($0.name, number($0.value)) })),
                ("gflops_median", .object(result.medianGFLOPS.map { ($0.name, number($0.value)) })),
                ("fast_over_openblas", number(fast.flatMap { f in blas.map { f / $0 } })),
            ])
        }
        func breakdownJSON(_ rows: [Breakdown]) -> JSONValue {
            .array(
                rows.map { row in
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
            (
                "forward_ms",
                .object([
                    ("fast", number(fast.medianSeconds * 1000)),
                    ("naive", number(naive.map { $0.medianSeconds * 1000 })),
                ])
            ),
            ("forward_runs", .object([("fast", .int(fast.runSeconds.count)), ("naive", .int(naive?.runSeconds.count ?? 0))])),
            ("fast_runs_ms", .array(fast.runSeconds.map { number($0 * 1000) })),
            ("forward_ms_best", .object([("fast", number(fast.runSeconds.min().map { $0 * 1000 }))])),
            ("speedup_fast_over_naive", number(speedup)),
            ("fast_ms_interleaved_with_naive", number(fastWithNaive.map { $0.medianSeconds * 1000 })),
            ("fast_runs_interleaved_with_naive_ms", .array((fastWithNaive?.runSeconds ?? []).map { number($0 * 1000) })),
            ("network_macs", .int(ledger.macs)),
            ("network_gflops_fast", number(networkGFLOPS)),
            ("fraction_of_peak", number(networkGFLOPS / machine.peakGFLOPS)),
            ("fast_init_ms", number(fastInitSeconds * 1000)),
            ("stages", breakdownJSON(stages)),
            ("op_kinds", breakdownJSON(opKinds)),
            (
                "machine",
                .object([
                    ("cores", .int(machine.cores)), ("clock_ghz", number(machine.gigahertz)),
                    ("peak_gflops", number(machine.peakGFLOPS)), ("nominal_peak_gflops", number(machine.nominalPeakGFLOPS)),
                    ("load_average", number(machine.loadAverage)),
                ])
            ),
            ("gemm", .array(rows)),
            ("peak_rss_mb", number(peakRSSMegabytes)),
        ])
    }

    public var text: String {
        var lines: [String] = []
        lines.append(TileCode.selected.description)
        lines.append(
            "Machine: \(machine.cores) cores, FMA peak \(format(machine.peakGFLOPS, 1)) GFLOPS measured (register-only FMA chains on every core; the nominal \(format(machine.gigahertz, 2)) GHz clock would give \(format(machine.nominalPeakGFLOPS, 1))), load average \(machine.loadAverage.map { format($0, 2) } ?? "-") at start"
        )
        lines.append("")
        lines.append(
            "GEMM GFLOPS (best of \(rounds) rounds, kernels interleaved round by round in this run, so ratios are fair on a shared machine; naive: 1 run)")
        var table = [["shape", "M", "N", "K"] + gemm[0].gflops.map(\.name) + ["fast/openblas", "fast/peak"]]
        for result in gemm {
            let fast = result.value(FastGEMM().name)
            let blas = result.value(OpenBLASGEMM.kernelName)
            table.append(
                [result.shape.label, "\(result.shape.m)", "\(result.shape.n)", "\(result.shape.k)"]
                    + result.gflops.map { $0.value.map { format($0, 1) } ?? "-" }
                    + [
                        fast.flatMap { f in blas.map { format(f / $0, 2) + "x" } } ?? "-",
                        fast.map { format(100 * $0 / machine.peakGFLOPS, 0) + "%" } ?? "-",
                    ])
        }
        lines.append(contentsOf: alignColumns(table))
        lines.append("")
        let naiveText =
            naive.map { naive in
                "naive \(format(naive.medianSeconds * 1000, 0)) ms (1 run, interleaved with \(fastWithNaive?.runSeconds.count ?? 0) fast runs of median \(format((fastWithNaive?.medianSeconds ?? .nan) * 1000, 1)) ms), "
            } ?? "naive skipped (--quick), "
        lines.append(
            "Whole network forward (\(ledger.network.configuration.inputDescription), batch 1): fast \(format(fast.medianSeconds * 1000, 1)) ms (median of \(fast.runSeconds.count), best \(format((fast.runSeconds.min() ?? .nan) * 1000, 1))), \(naiveText)speedup \(speedup.map { format($0, 0) + "x" } ?? "-")"
        )
        lines.append(
            "Fast path: \(format(networkGFLOPS, 1)) GFLOPS on \(format(Double(ledger.macs) / 1e9, 2)) G multiply-adds = \(format(100 * networkGFLOPS / machine.peakGFLOPS, 0))% of peak; weights folded and packed in \(format(fastInitSeconds * 1000, 0)) ms"
        )
        for (title, rows) in [("Time per stage", stages), ("Time per op kind", opKinds)] {
            lines.append("")
            lines.append(title)
            var table = [["", "fast ms", "naive ms", "G MACs", "fast GFLOPS"]]
            for row in rows {
                table.append([
                    row.name, format(row.fastSeconds * 1000, 2), row.naiveSeconds.map { format($0 * 1000, 0) } ?? "-",
                    format(Double(row.macs) / 1e9, 3), row.macs > 0 ? format(2 * Double(row.macs) / row.fastSeconds / 1e9, 1) : "-",
                ])
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
