import FastComputation
import GEMM
import JSONText
import LedgerReports
import NetworkModel

/// What one `explore bench` measured, as text and as JSON: every figure a median over the
/// same protocol's samples, with its spread and threads; every ratio a `MedianRatio`.
public struct BenchReport {
    let machine: BenchMachine
    let `protocol`: BenchProtocol
    let ledger: Ledger
    /// Whole forward passes: fast, then naive unless skipped.
    let forward: [NetworkBenchResult]
    let gemm: [GEMMBenchResult]
    /// Convolutions the fast backend runs as Winograd's F(2x2, 3x3), not as one GEMM.
    let winogradLayers: [String]
    /// The 1x7 and 7x1 convolutions it runs as Winograd's F(2, 7), not as one GEMM.
    var lineWinogradLayers: [String] = []
    let fastInitSeconds: Double
    let peakRSSMegabytes: Double

    var fast: NetworkBenchResult { forward[0] }
    var naive: NetworkBenchResult? { forward.count > 1 ? forward[1] : nil }

    /// The naive pass's median over the fast pass's.
    var forwardRatios: [MedianRatio] { naive.map { [MedianRatio($0.measurement, over: fast.measurement)] } ?? [] }

    /// 2 flops per multiply-add over the fast path's median forward time.
    var networkGFLOPS: Double { 2 * Double(ledger.macs) / fast.medianSeconds / 1e9 }

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
        let names = NetworkBenchResult.opKindNames(ledger)
        return breakdown { names[$0.name] ?? "other" }.sorted { $0.fastSeconds > $1.fastSeconds }
    }

    public var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 100).rounded() / 100) } ?? .null }
        let rows: [JSONValue] = gemm.map { result in
            .object([
                ("layer", .string(result.shape.label)), ("path", .string(result.shape.path.rawValue)),
                ("m", .int(result.shape.m)), ("n", .int(result.shape.n)), ("k", .int(result.shape.k)),
                ("calls_per_sample", .int(result.callsPerSample)),
                ("subjects", .array(result.measurements.map(\.json))),
                ("gflops", .object(result.measurements.map { ($0.name, .double(result.gflops(seconds: $0.median))) })),
                ("ratios", .array(result.ratios.map(\.json))),
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
                "protocol",
                .object([
                    ("warm_up_calls", .int(`protocol`.warmUpCalls)), ("samples", .int(`protocol`.samples)),
                    ("order", .string("rotated round by round")), ("statistic", .string("median")),
                ])
            ),
            (
                "machine",
                .object([
                    ("cores", .int(machine.cores)), ("clock_ghz", number(machine.gigahertz)),
                    ("peak_gflops", number(machine.peakGFLOPS)), ("nominal_peak_gflops", number(machine.nominalPeakGFLOPS)),
                    ("load_average", number(machine.loadAverage)),
                ])
            ),
            (
                "forward",
                .object([
                    ("input", .string(ledger.network.configuration.inputDescription)),
                    ("subjects", .array(forward.map(\.measurement.json))),
                    ("ratios", .array(forwardRatios.map(\.json))),
                    ("network_macs", .int(ledger.macs)),
                    ("fast_gflops", .double(networkGFLOPS)),
                    ("fraction_of_peak", .double(networkGFLOPS / machine.peakGFLOPS)),
                ])
            ),
            ("fast_init_ms", number(fastInitSeconds * 1000)),
            ("peak_rss_mb", number(peakRSSMegabytes)),
            ("stages", breakdownJSON(stages)),
            ("op_kinds", breakdownJSON(opKinds)),
            ("gemm", .array(rows)),
            ("winograd_layers", .array(winogradLayers.map(JSONValue.string))),
            ("winograd_f2_7_layers", .array(lineWinogradLayers.map(JSONValue.string))),
        ])
    }

    public var text: String {
        var lines: [String] = []
        let load = machine.loadAverage.map { fixed($0, 2) } ?? "unknown"
        lines += [
            TileCode.selected.description,
            "Machine: \(machine.cores) cores, load average \(load) at start (if shared, times drift).",
            "FMA peak: \(fixed(machine.peakGFLOPS, 1)) GFLOPS measured (register-only FMA chains on every core;",
            "the nominal \(fixed(machine.gigahertz, 2)) GHz clock would give \(fixed(machine.nominalPeakGFLOPS, 1))).",
            "Protocol: each subject \(`protocol`.warmUpCalls) untimed warm-up call, then \(`protocol`.samples) timed samples, the",
            "subjects' order rotated every round. A figure is the median of its samples",
            "(min..max beside it); a ratio is one median over another.",
            "",
            "Whole network forward (\(ledger.network.configuration.inputDescription), batch 1)",
        ]
        var table = [["subject", "threads", "median ms", "min..max ms"]]
        for result in forward {
            let m = result.measurement
            table.append([m.name, "\(m.threads)", milliseconds(m.median), milliseconds(m.min) + ".." + milliseconds(m.max)])
        }
        lines += alignColumns(table)
        if forwardRatios.isEmpty { lines.append("naive skipped (--quick)") }
        for ratio in forwardRatios {
            lines.append("\(ratio.name): \(fixed(ratio.value, 1))x (\(ratio.numerator.threads) thread vs \(ratio.denominator.threads), median over median)")
        }
        lines.append(
            "Fast path (\(fast.measurement.threads) threads): \(fixed(networkGFLOPS, 1)) GFLOPS on \(fixed(Double(ledger.macs) / 1e9, 2)) G multiply-adds = \(fixed(100 * networkGFLOPS / machine.peakGFLOPS, 0))% of peak."
        )
        lines.append("Weights folded and packed in \(fixed(fastInitSeconds * 1000, 0)) ms; peak resident memory \(fixed(peakRSSMegabytes, 1)) MB")
        lines.append("(after the first fast pass, before any naive one).")

        lines += [
            "",
            "GEMM of the network's layers as the network calls it. fast: the layer's own",
            "forward (weights packed at load; input read in place or through im2col, bias",
            "and ReLU fused). openblas, naive: the same A (gathered before the clock) and",
            "the plain folded weights. GFLOPS from the median; time/fast: median over fast's.",
        ]
        table = [["layer / kernel", "threads", "GFLOPS", "min..max", "time/fast"]]
        for result in gemm {
            let shape = result.shape
            table.append(["\(shape.label)", "", "", "", ""])
            table.append(["  \(shape.path.rawValue), M \(shape.m) N \(shape.n) K \(shape.k)", "", "", "", ""])
            let ratios = Dictionary(uniqueKeysWithValues: result.ratios.map { ($0.numerator.name, $0.value) })
            for m in result.measurements {
                table.append([
                    "    " + m.name, "\(m.threads)", fixed(result.gflops(seconds: m.median), 1),
                    fixed(result.gflops(seconds: m.max), 1) + ".." + fixed(result.gflops(seconds: m.min), 1),
                    ratios[m.name].map { fixed($0, 2) + "x" } ?? "",
                ])
            }
        }
        lines += alignColumns(table, spanning: { $0[1].isEmpty })
        for (layers, kind) in [
            (winogradLayers, "3x3 convolutions run as Winograd F(2x2,3x3)"), (lineWinogradLayers, "1x7 and 7x1 convolutions run as Winograd F(2,7)"),
        ]
        where !layers.isEmpty {
            let names = layers.prefix(2).joined(separator: ", ") + (layers.count > 2 ? ", ..." : "")
            lines.append("Not in this table: \(layers.count) \(kind),")
            lines.append("no single GEMM (\(names)).")
        }

        for (title, rows) in [("Time per stage", stages), ("Time per op kind", opKinds)] {
            lines.append("")
            let threads = forward.map { "\($0.measurement.name) \($0.measurement.threads)" }.joined(separator: ", ")
            lines.append("\(title) (threads: \(threads); each layer's median, summed)")
            var table = [["", "fast ms"] + (naive == nil ? [] : ["naive ms"]) + ["G MACs", "fast GFLOPS"]]
            for row in rows {
                let naiveCell = naive == nil ? [] : [row.naiveSeconds.map { fixed($0 * 1000, 0) } ?? "-"]
                let gflops = row.macs > 0 ? fixed(2 * Double(row.macs) / row.fastSeconds / 1e9, 1) : "-"
                table.append([row.name, fixed(row.fastSeconds * 1000, 2)] + naiveCell + [fixed(Double(row.macs) / 1e9, 3), gflops])
            }
            lines += alignColumns(table)
        }
        return lines.joined(separator: "\n")
    }
}

/// Seconds as milliseconds: one decimal under 100 ms, none from there.
private func milliseconds(_ seconds: Double) -> String {
    fixed(seconds * 1000, seconds < 0.1 ? 1 : 0)
}

/// Left-aligned first column, right-aligned numbers, two spaces between columns. A row
/// `spanning` says so is printed as its first cell alone, and does not widen that column.
private func alignColumns(_ rows: [[String]], spanning: ([String]) -> Bool = { _ in false }) -> [String] {
    let measured = rows.filter { !spanning($0) }
    let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in measured.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { row in
        if spanning(row) { return row[0] }
        return row.enumerated().map { column, cell in
            let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
            return column == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ").replacing(#/ +$/#, with: "")
    }
}
