import Foundation
import LedgerReports
import ModelData
import NetworkModel
import Tensors

/// Reading the state: inspect, show, table, time.
extension ExplorerSession {
    /// The entry `name` names, or the last op stepped over.
    func target(_ name: String?, for command: String) throws -> Int {
        if let name { return try index(of: name) }
        guard cursor > 0 else { throw CommandError("\(command): nothing computed yet; name a layer or 'step' first") }
        return cursor - 1
    }

    public func inspect(_ name: String?) throws {
        let index = try target(name, for: "inspect")
        let entry = ledger.entries[index]
        let place = [entry.layer.block, entry.layer.branch].compactMap { $0 }.joined(separator: ", ")
        out.line(style.layer(entry.name) + "   op \(index + 1) of \(total)" + (place.isEmpty ? "" : ", \(place)"))
        func row(_ label: String, _ value: String) { out.line("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
        row("scope", entry.layer.scope)
        row("op", StepReport.opDescription(entry))
        row(
            "shapes",
            style.figure(StepReport.inputShapes(entry) + " -> " + entry.output.description) + "   reads "
                + (entry.layer.inputs.isEmpty ? "nothing" : entry.layer.inputs.joined(separator: ", ")))
        if let geometry = StepReport.geometry(entry) { row("window", geometry) }
        row("receptive field", "\(entry.receptiveField) input pixels, jump \(entry.jump)")
        if !entry.weights.isEmpty {
            let variables = entry.weights.map { "\($0.role.rawValue) \($0.shape)" }.joined(separator: ", ")
            row("parameters", LedgerFormat.grouped(entry.parameterCount) + " (" + variables + ")")
        }
        if entry.macs > 0 { row("multiply-adds", LedgerFormat.metric(entry.macs)) }
        row("note", LayerNote.text(for: entry, in: settings.language))
        guard index < records.count else {
            row("output", "not computed yet: 'run to \(entry.name)'")
            return
        }
        let record = records[index]
        row("computed", NumberFormat.milliseconds(record.seconds) + ", tensor " + record.output.shapeDescription)
        row("statistics", NumberFormat.statistics(record.output.statistics))
        row("golden", goldenStatus(record, detailed: true))
        for line in valueWindow(record.output) { out.line("  " + line) }
    }

    /// Rows 0..<4 and columns 0..<6 of channel 0 (maps), or the first 8 values (vectors).
    func valueWindow(_ tensor: Tensor) -> [String] {
        if tensor.rank == 4 {
            let (h, w, c) = (tensor.shape[1], tensor.shape[2], tensor.shape[3])
            let rows = min(4, h)
            let columns = min(6, w)
            var lines = ["values, channel 0, rows \(NumberFormat.span(0, rows)), columns \(NumberFormat.span(0, columns)) of \(h)x\(w):"]
            for y in 0..<rows {
                lines.append("  " + (0..<columns).map { x in NumberFormat.cell(tensor.scalars[(y * w + x) * c]) }.joined())
            }
            return lines
        }
        let shown = min(8, tensor.count)
        return ["values \(NumberFormat.span(0, shown)) of \(tensor.count):", "  " + tensor.scalars.prefix(shown).map(NumberFormat.cell).joined()]
    }

    public func show(_ name: String?, channel: Int?, png: String?, force: Bool) throws {
        let index = try target(name, for: "show")
        let entry = ledger.entries[index]
        guard index < records.count else {
            throw CommandError("show: \(entry.name) is not computed yet: 'run to \(entry.name)' first")
        }
        let tensor = records[index].output
        if let png {
            try writePNG(tensor, entry: entry, path: png, force: force)
            return
        }
        let map = try HeatMap(tensor: tensor, channel: channel)
        out.line("\(style.layer(entry.name)) \(entry.output), " + map.caption)
        for line in map.lines(style: style) { out.line(line) }
    }

    public func table(format: String, language: String, pattern: String? = nil, only: String? = nil) throws {
        let all = failure?.partial ?? ledger.entries
        if let pattern,
            let message = TableFilter.noMatch(
                pattern, in: network.layers.map(\.name),
                otherwise: " (and it is no format: text, markdown, json; nor a language: en, zh)")
        {
            throw CommandError("table: " + message)
        }
        let filter = TableFilter(pattern: pattern, only: only.flatMap(TableFilter.Only.init(rawValue:)))
        let entries = filter.apply(all, configuration: network.configuration)
        var text = TableReport.render(
            entries, network: network, format: TableReport.Format(rawValue: format) ?? .text,
            language: Language(rawValue: language) ?? .en, totals: failure == nil && !filter.isActive,
            width: out.columns, lossSummary: failure == nil)
        if filter.isActive && format != "json" { text += "\(entries.count) of \(all.count) layers shown\n" }
        out.page(text)
        if failure != nil { out.line(style.red("the network breaks at \(failureLine)")) }
    }

    public func time(_ name: String?) throws {
        guard !records.isEmpty else {
            out.line("nothing computed yet")
            return
        }
        if let name {
            if name != "all" { _ = try network.requireLayer(named: name) }
            let ops = name == "all" ? records : records.filter { groupKey($0.entry) == name || $0.entry.name == name }
            guard !ops.isEmpty else { throw CommandError("time: nothing of \(name) has been computed yet") }
            for record in ops {
                out.line("  " + record.entry.name.padding(toLength: 44, withPad: " ", startingAt: 0) + NumberFormat.milliseconds(record.seconds).leftPadded(11))
            }
            out.line(
                "  " + "total".padding(toLength: 44, withPad: " ", startingAt: 0) + NumberFormat.milliseconds(ops.reduce(0) { $0 + $1.seconds }).leftPadded(11))
            return
        }
        var groups: [(String, Int, Double)] = []
        for record in records {
            let key = groupKey(record.entry)
            if let last = groups.last, last.0 == key {
                groups[groups.count - 1] = (key, last.1 + 1, last.2 + record.seconds)
            } else {
                groups.append((key, 1, record.seconds))
            }
        }
        let all = records.reduce(0) { $0 + $1.seconds }
        for (key, count, seconds) in groups {
            let share = all > 0 ? NumberFormat.percent(seconds / all) : "-"
            out.line(
                "  " + key.padding(toLength: 24, withPad: " ", startingAt: 0) + (count == 1 ? "1 op " : "\(count) ops").leftPadded(8)
                    + NumberFormat.milliseconds(seconds).leftPadded(12) + share.leftPadded(8))
        }
        out.line(
            "  " + "total".padding(toLength: 24, withPad: " ", startingAt: 0) + NumberFormat.count(records.count, "op").leftPadded(8)
                + NumberFormat.milliseconds(all).leftPadded(12) + "   gemm \(settings.kernels.rawValue)")
        let slowest = records.sorted { $0.seconds > $1.seconds }.prefix(3).map { "\($0.entry.name) \(NumberFormat.milliseconds($0.seconds))" }
        out.line("  slowest ops: " + slowest.joined(separator: ", ") + "; 'time BLOCK' or 'time all' lists ops")
    }

    /// Up to 64 channels as a grid, each from its own minimum (black) to maximum (white).
    func writePNG(_ tensor: Tensor, entry: LedgerEntry, path: String, force: Bool) throws {
        if !force && FileManager.default.fileExists(atPath: path) {
            throw CommandError("show: '\(path)' exists: add --force to replace it")
        }
        let grid = ChannelGrid(tensor: tensor)
        do {
            try PNGWriter.write(width: grid.width, height: grid.height, rgb: grid.rgb, to: path, overwrite: force)
        } catch {
            throw CommandFailure("show", error)
        }
        let channels = tensor.rank == 4 ? "channels \(NumberFormat.span(0, grid.channelsShown)) of \(tensor.shape[3])" : "the vector in rows of 32"
        out.line(
            "wrote \(path): \(entry.name) \(entry.output), \(channels), \(grid.columns) per row, "
                + "\(grid.scale)x enlarged, each channel from its minimum (black) to its maximum (white); \(grid.width)x\(grid.height) pixels")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
