import NetworkModel

/// The comparison of one source row with one ledger entry.
struct RowCheck {
    struct Outcome {
        let kind: AuditFinding.Kind
        let field: String
        let source: String
        let ledger: String
        let explanation: String
        /// Same key across instances = one finding.
        var key: String { "\(kind)|\(field)|\(source)|\(ledger)" }
    }

    private(set) var outcomes: [Outcome] = []
    private(set) var compared = 0
    private(set) var agreeing = 0

    init(row: SourceRow, entry: LedgerEntry, ledger: Ledger) {
        checkFigures(row, entry, ledger)
        checkLabel(row, entry, ledger)
        checkNote(row, entry, ledger)
        addContext(row, entry, ledger)
    }

    /// Adds one finding.
    private mutating func record(kind: AuditFinding.Kind, field: String, source: String, ledger: String, explanation: String) {
        outcomes.append(Outcome(kind: kind, field: field, source: source, ledger: ledger, explanation: explanation))
    }

    // MARK: - Columns

    private mutating func compare(_ field: String, source: String?, ledger: String, explanation: @autoclosure () -> String) {
        guard let source else { return }
        compared += 1
        if source == ledger {
            agreeing += 1
            return
        }
        record(kind: .disagrees, field: field, source: source, ledger: ledger, explanation: explanation())
    }

    private mutating func checkFigures(_ row: SourceRow, _ entry: LedgerEntry, _ ledger: Ledger) {
        compare(
            "shape", source: row.shape.map { Shape($0).sourceNotation }, ledger: entry.output.sourceNotation,
            explanation: "TensorFlow's arithmetic gives \(entry.output.sourceNotation) from \(entry.input)")
        if let outputs = row.outputs {
            compare(
                "num outputs", source: String(outputs), ledger: LedgerFormat.filters(entry),
                explanation: "the declaration has \(LedgerFormat.filters(entry)) filters")
        }
        if let window = entry.window {
            let explanation: String
            if case .globalAveragePool = entry.layer.op {
                explanation =
                    "the code pools over the whole map (`net.get_shape()[1:3]`): \(window.kernel) at input \(ledger.network.configuration.inputSize), stride 1, VALID; the name's 8x8 is the map at 299, and a kernel of 1 would leave \(entry.input), not 1x1"
            } else {
                explanation = "the declaration (TF-slim's scopes) uses \(window.kernel)"
            }
            compare("kernel size", source: row.kernel.map(\.description), ledger: window.kernel.description, explanation: explanation)
            compare(
                "stride", source: row.stride.map(String.init), ledger: String(window.stride.height),
                explanation: "the declaration strides by \(window.stride.height)")
            compare(
                "padding", source: row.padding?.rawValue, ledger: window.padding.rawValue,
                explanation: "the declaration pads \(window.padding.rawValue)")
        }
    }

    // MARK: - Names

    private mutating func checkLabel(_ row: SourceRow, _ entry: LedgerEntry, _ ledger: Ledger) {
        let tokens = Set(row.label.lowercased().split(separator: " ").map(String.init))
        switch entry.layer.op {
        case .concat:
            compared += 1
            if row.branch.lowercased() == "concat" {
                agreeing += 1
                return
            }
            record(
                kind: .mislabels, field: "name", source: row.label, ledger: "\(entry.name) (concat)",
                explanation: "the concat joins every branch (" + entry.concatSlices.map { "\($0.branch) \($0.width)" }.joined(separator: " + ")
                    + " = \(entry.output.channels)); it is the block's output, not part of \(row.branch.split(separator: " ").first ?? "")")
        case .residual:
            compared += 1
            agreeing += 1
        default:
            compared += 1
            if tokens.contains(entry.layer.shortName.lowercased()) {
                agreeing += 1
                return
            }
            record(
                kind: .mislabels, field: "name", source: row.label, ledger: entry.name,
                explanation: "TF-slim's scopes in this branch are " + branchPath(entry, ledger) + "; the table's label names another layer")
        }
    }

    /// `Branch_2 Conv2d_0a_1x1 -> Conv2d_0b_3x3 -> Conv2d_1a_3x3`: the layers of the entry's branch.
    private func branchPath(_ entry: LedgerEntry, _ ledger: Ledger) -> String {
        guard let blockName = entry.layer.block, let branch = entry.layer.branch,
            let block = ledger.network.block(named: blockName)
        else { return entry.layer.shortName }
        return "\(branch) " + block.layers.filter { $0.branch == branch }.map(\.shortName).joined(separator: " -> ")
    }

    // MARK: - Notes

    /// A finding on the row's note (shown as "(no note)" when the note is empty).
    private mutating func noteFinding(_ kind: AuditFinding.Kind, _ row: SourceRow, ledger: String, because explanation: String) {
        record(kind: kind, field: "note", source: row.note.isEmpty ? "(no note)" : row.note, ledger: ledger, explanation: explanation)
    }

    /// Why a note's "pads N rows and M columns" needs its sides spelt out for a kernel other than 3x3.
    private static func perSide(_ window: Window, _ pad: SidePadding) -> String {
        "the note counts both sides together; per side a \(window.kernel) SAME window pads \(pad.top) top, \(pad.bottom) bottom, "
            + "\(pad.left) left, \(pad.right) right ('2 rows and 2 columns' is the 3x3 case only)"
    }

    /// Why "loses nothing because the input is odd" is right here for another reason.
    private static func oddIsNotTheRule(_ input: Size2, _ window: Window) -> String {
        "right, but not because \(input) is odd: the rule is (in - k) mod s = (\(input.height) - \(window.kernel.height)) mod \(window.stride.height) = 0; "
            + "'loses 1 row and 1 column' holds only where it is 1 (Conv2d_1a_3x3 160 -> 79, MaxPool_5a_3x3 36 -> 17, Mixed_7a 8 -> 3), "
            + "and MaxPool_3a_3x3 (77 -> 38) loses nothing too; \(oddCounterexample)"
    }

    private mutating func checkNote(_ row: SourceRow, _ entry: LedgerEntry, _ ledger: Ledger) {
        let claims = SourceNoteClaim.claims(note: row.note, repeatText: row.repeatText)
        let pad = entry.pad
        let padClaim = claims.compactMap { if case .pads(let r, let c) = $0 { (r, c) } else { nil } }.first
        if let (rows, columns) = padClaim {
            compared += 1
            if rows == pad.rows && columns == pad.columns {
                agreeing += 1
                if let window = entry.window, window.kernel != Size2(3, 3) {
                    noteFinding(.clarifies, row, ledger: LayerNote.padPhrase(pad, .en), because: Self.perSide(window, pad))
                }
            } else {
                noteFinding(
                    .disagrees, row, ledger: LayerNote.padPhrase(pad, .en),
                    because: "SAME pads max((out - 1) * s + k - in, 0) per axis")
            }
        } else if !pad.isZero {
            noteFinding(
                .omits, row, ledger: LayerNote.padPhrase(pad, .en), because: "SAME pads here; the table says nothing")
        }

        let lost = (entry.lostRows.count, entry.lostColumns.count)
        if let (rows, columns) = claims.compactMap({ if case .loses(let r, let c) = $0 { (r, c) } else { nil } }).first {
            compared += 1
            if (rows, columns) == lost {
                agreeing += 1
            } else {
                noteFinding(
                    .disagrees, row, ledger: lost == (0, 0) ? "loses nothing" : LayerNote.lossPhrase(entry, .en),
                    because: "VALID loses (in - k) mod s rows at the bottom and columns at the right")
            }
        } else if claims.contains(.losesNothingBecauseOdd) {
            compared += 1
            if lost == (0, 0), let window = entry.window {
                agreeing += 1
                noteFinding(.clarifies, row, ledger: "loses nothing", because: Self.oddIsNotTheRule(entry.input.spatial, window))
            } else {
                noteFinding(
                    .disagrees, row, ledger: LayerNote.lossPhrase(entry, .en),
                    because: "VALID loses (in - k) mod s rows and columns")
            }
        } else if entry.isLossy {
            noteFinding(
                .omits, row, ledger: LayerNote.lossPhrase(entry, .en), because: "no window reaches these pixels; the table says nothing")
        }

        if claims.contains(.upsamples) {
            compared += 1
            let (input, output) = (entry.input, entry.output)
            if output.spatial.height > input.spatial.height {
                agreeing += 1
            } else {
                record(
                    kind: .disagrees, field: "note", source: "\(row.note) (upsampling)", ledger: "\(input) -> \(output)",
                    explanation:
                        "a \(LedgerFormat.kernel(entry)) \(LedgerFormat.padding(entry)) convolution that widens \(input.channels) to \(output.channels) channels; the \(input.spatial) map is unchanged, nothing is upsampled"
                )
            }
        }
    }

    // MARK: - Facts the table leaves out

    private mutating func addContext(_ row: SourceRow, _ entry: LedgerEntry, _ ledger: Ledger) {
        switch entry.layer.op {
        case .residual(let scale, let activation):
            let block = ledger.network.block(named: entry.name)
            let kind = block?.kind.rawValue ?? entry.name
            let isFinal = activation == .none
            if row.repeatText.contains("no activate at last") {
                compared += 1
                if isFinal || (activation == .relu && entry.name != row.layers.last) { agreeing += 1 }
                if isFinal {
                    record(
                        kind: .omits, field: "scale", source: "\(row.repeatText): (no scale)",
                        ledger: "\(entry.name): scale \(LayerNote.formatScale(scale)), no activation",
                        explanation:
                            "the last Block8 is its own call (scope InceptionResnetV2/Block8) with activation_fn=None and the default scale 1.0; the nine before it use 0.20 with ReLU"
                    )
                    return
                }
            }
            record(
                kind: .omits, field: "scale", source: "\(row.label) (no scale)",
                ledger: "\(kind) scale \(LayerNote.formatScale(scale)), \(activation == .relu ? "ReLU" : "no activation")",
                explanation:
                    "the block computes \(activation == .relu ? "relu(input + \(LayerNote.formatScale(scale)) * up)" : "input + \(LayerNote.formatScale(scale)) * up"); the table gives no scale (Block35 0.17, Block17 0.10, Block8 0.20, final Block8 1.0)"
            )
        case .convolution(let conv) where conv.bias:
            record(
                kind: .omits, field: "bias", source: "\(row.label)", ledger: "bias, no batch norm, no activation",
                explanation:
                    "the block-level up projection has a bias and neither batch norm nor ReLU, unlike every branch convolution (conv -> batch norm, beta only, eps 0.001 -> ReLU)"
            )
        case .fullyConnected(let fc):
            record(
                kind: .clarifies, field: "num outputs", source: row.shape.map { Shape($0).sourceNotation } ?? "", ledger: "\(fc.units) (--bottleneck)",
                explanation:
                    "the width 1024 is the note's choice; FaceNet's default bottleneck_layer_size is 128. The Bottleneck is fully connected with batch norm, no bias and no activation"
            )
            record(
                kind: .omits, field: "layer", source: "(table ends at the Bottleneck)", ledger: "Embedding = L2-normalised Bottleneck",
                explanation: "the face embedding is the Bottleneck's output divided by sqrt(max(sum x^2, 1e-10))")
        case .dropout(let keep):
            record(
                kind: .clarifies, field: "layer", source: row.label, ledger: "identity at inference",
                explanation: "dropout (keep probability \(keep) in the model function, 1.0 in FaceNet's training scripts) changes nothing at inference")
        default:
            break
        }
    }
}
