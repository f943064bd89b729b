import JSONText
import NetworkModel

/// `explore table`: the ledger as text, markdown (the source table's columns) or JSON (docs/commands.md).
public enum TableReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    /// The table of `entries` (a whole ledger, or the part before a failing layer).
    /// `totals` adds the parameter and multiply-add lines (text and markdown); text also says
    /// where pixels are lost (`lossSummary`, by default with the totals). `width` fits the text table to a terminal (nil: every column).
    public static func render(
        _ entries: [LedgerEntry], network: Network, format: Format, language: Language, totals: Bool = true, width: Int? = nil, lossSummary: Bool? = nil
    ) -> String {
        switch format {
        case .text:
            text(entries, language: language, width: width) + (lossSummary ?? totals ? "\n" + LossSummary.text(entries) : "")
                + (totals ? (lossSummary ?? totals ? "" : "\n") + totalsText(entries) : "")
        case .markdown: markdown(entries, network: network, language: language) + (totals ? "\n" + totalsMarkdown(entries) : "")
        case .json: json(entries, language: language).serialized(pretty: true) + "\n"
        }
    }

    // MARK: - Text: every layer, every figure

    static func text(_ entries: [LedgerEntry], language: Language, width: Int? = nil) -> String {
        var table = TextTable(
            header: ["layer", "op", "input", "output", "kernel", "stride", "padding", "pad t,b,l,r", "lost r,c", "params", "MACs", "RF", "note"],
            numericColumns: [9, 10]
        )
        for entry in entries {
            table.append([
                entry.name, LedgerFormat.op(entry),
                inputText(entry),
                entry.output.description, LedgerFormat.kernel(entry), LedgerFormat.stride(entry), LedgerFormat.padding(entry),
                LedgerFormat.sides(entry), LedgerFormat.lost(entry),
                LedgerFormat.grouped(entry.parameterCount), LedgerFormat.grouped(entry.macs),
                "\(entry.receptiveField)", LayerNote.text(for: entry, in: language),
            ])
        }
        // Narrow terminals lose the receptive field, multiply-adds, parameters, input, stride, kernel, op and padding, in that order.
        return width.map { table.rendered(fitting: $0, dropOrder: [11, 10, 9, 2, 5, 4, 1, 6]) } ?? table.rendered()
    }

    /// `17x17x32`, or for several inputs of one size `17x17x(96+64+96+64)`.
    static func inputText(_ entry: LedgerEntry) -> String {
        let shapes = entry.inputShapes
        guard shapes.count > 1 else { return shapes.first?.description ?? "-" }
        guard Set(shapes.map(\.spatial)).count == 1, shapes.allSatisfy(\.isMap) else {
            return shapes.map(\.description).joined(separator: " + ")
        }
        return "\(shapes[0].spatial)x(" + shapes.map { String($0.channels) }.joined(separator: "+") + ")"
    }

    // MARK: - Markdown: the source table's columns, repeats shown once

    static func markdown(_ entries: [LedgerEntry], network: Network, language: Language) -> String {
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        var lines = [
            "| repeat | name | branch | shape | num outputs | kernel size | stride | padding | note |",
            "| ------ | ---- | ------ | ----- | ----------- | ----------- | ------ | ------- | ---- |",
        ]
        func row(_ repeatText: String, _ name: String, _ branch: String, _ entry: LedgerEntry) {
            let cells = [
                repeatText, name, branch, entry.output.sourceNotation, LedgerFormat.filters(entry),
                LedgerFormat.kernel(entry), LedgerFormat.stride(entry), LedgerFormat.padding(entry),
                LayerNote.text(for: entry, in: language),
            ]
            lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        func blockRows(_ block: Block, repeatText: String, title: String) {
            for layer in block.layers {
                guard let entry = byName[layer.name] else { return }
                let branch =
                    layer.name == block.name
                    ? (block.residual == nil ? "concat" : "input + scale*up")
                    : String(layer.name.dropFirst(block.name.count + 1)).replacingOccurrences(of: "/", with: " ")
                row(repeatText, title, branch, entry)
            }
        }
        for stage in network.stages {
            switch stage {
            case .layer(let layer):
                guard let entry = byName[layer.name] else { break }
                row("", layer.name, "", entry)
            case .block(let block):
                let final = block.kind != .mixed
                blockRows(block, repeatText: final ? "1 (final)" : "", title: final ? "\(block.kind.rawValue) (\(block.name))" : block.name)
            case .repeated(let kind, let blocks):
                let scale = blocks[0].residual.map { " x\(blocks.count), scale \(LayerNote.formatScale($0.scale))" } ?? ""
                blockRows(blocks[0], repeatText: "\(blocks.count)", title: "\(kind.rawValue)\(scale)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON (docs/commands.md)

    public static func json(_ entries: [LedgerEntry], language: Language) -> JSONValue {
        .array(entries.map { row($0, language: language) })
    }

    public static func row(_ entry: LedgerEntry, language: Language) -> JSONValue {
        let window = entry.window
        return .object([
            ("name", .string(entry.name)),
            ("op", .string(entry.layer.op.kind)),
            ("kernel", window.map { .ints([$0.kernel.height, $0.kernel.width]) } ?? .null),
            ("stride", window.map { .ints([$0.stride.height, $0.stride.width]) } ?? .null),
            ("padding", window.map { .string($0.padding.rawValue) } ?? .null),
            ("input", .ints(entry.input.dims)),
            ("output", .ints(entry.output.dims)),
            ("pad", .ints(entry.pad.array)),
            ("lost", .ints([entry.lostRows.count, entry.lostColumns.count])),
            ("params", .int(entry.parameterCount)),
            ("macs", .int(entry.macs)),
            ("receptive_field", .ints([entry.receptiveField.height, entry.receptiveField.width])),
            ("note", .string(LayerNote.text(for: entry, in: language))),
            // The details behind the counts (docs/commands.md lists them too).
            ("inputs", .array(entry.layer.inputs.map(JSONValue.string))),
            ("lost_rows", .ints(entry.lostRows)),
            ("lost_columns", .ints(entry.lostColumns)),
            ("jump", .ints([entry.jump.height, entry.jump.width])),
            ("activation_bytes", .int(entry.activationBytes)),
            ("dilation", window.map { .ints([$0.dilation.height, $0.dilation.width]) } ?? .null),
        ])
    }

    // MARK: - Totals

    struct Totals {
        let backbone: Int, movingStatistics: Int, bottleneck: Int, macs: Int, activationBytes: Int
        init(_ entries: [LedgerEntry]) {
            let head = entries.filter { if case .fullyConnected = $0.layer.op { true } else { false } }
            let body = entries.filter { if case .fullyConnected = $0.layer.op { false } else { true } }
            backbone = body.reduce(0) { $0 + $1.parameterCount }
            movingStatistics = body.reduce(0) { $0 + $1.movingStatisticCount }
            bottleneck = head.reduce(0) { $0 + $1.parameterCount }
            macs = entries.reduce(0) { $0 + $1.macs }
            activationBytes = entries.reduce(0) { $0 + $1.activationBytes }
        }
    }

    static func totalsText(_ entries: [LedgerEntry]) -> String {
        let t = Totals(entries)
        return """
            layers: \(entries.count)
            parameters: backbone \(LedgerFormat.grouped(t.backbone)) (incl. \(LedgerFormat.grouped(t.movingStatistics)) moving statistics) + Bottleneck \(LedgerFormat.grouped(t.bottleneck)) = \(LedgerFormat.grouped(t.backbone + t.bottleneck))
            multiply-adds: \(LedgerFormat.grouped(t.macs)) (\(LedgerFormat.metric(t.macs)))
            activations: \(LedgerFormat.metric(t.activationBytes))B if every layer's float32 output were kept

            """
    }

    static func totalsMarkdown(_ entries: [LedgerEntry]) -> String {
        let t = Totals(entries)
        return """
            | total | figure |
            | ----- | ------ |
            | layers | \(entries.count) |
            | backbone parameters (incl. moving statistics) | \(LedgerFormat.grouped(t.backbone)) (\(LedgerFormat.grouped(t.movingStatistics))) |
            | Bottleneck parameters | \(LedgerFormat.grouped(t.bottleneck)) |
            | all parameters | \(LedgerFormat.grouped(t.backbone + t.bottleneck)) |
            | multiply-adds | \(LedgerFormat.grouped(t.macs)) (\(LedgerFormat.metric(t.macs))) |

            """
    }
}
