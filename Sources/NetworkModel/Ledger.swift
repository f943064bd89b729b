/// The shape and padding ledger: TensorFlow's arithmetic applied to every layer, in order.
public struct Ledger: Sendable {
    public let network: Network
    public let entries: [LedgerEntry]
    private let indexByName: [String: Int]

    /// Derives every layer's figures; throws `LedgerError` at the first layer whose
    /// inputs do not fit it, carrying the entries computed before it.
    public init(network: Network) throws(LedgerError) {
        var entries: [LedgerEntry] = []
        var byName: [String: LedgerEntry] = [:]
        for layer in network.layers {
            let inputs = layer.inputs.map { byName[$0]! }
            let entry: LedgerEntry
            do {
                entry = try Self.derive(layer, inputs: inputs, configuration: network.configuration)
            } catch let failure as LedgerFailure {
                throw LedgerError(layer: layer.name, reason: failure.reason, inputShapes: inputs.map(\.output), partial: entries)
            } catch {
                fatalError("unexpected \(error)")
            }
            entries.append(entry)
            byName[layer.name] = entry
        }
        self.network = network
        self.entries = entries
        self.indexByName = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    /// The ledger of FaceNet's network under `configuration`.
    public static func faceNet(_ configuration: NetworkConfiguration = NetworkConfiguration()) throws -> Ledger {
        try Ledger(network: Network.faceNet(configuration))
    }

    public subscript(name: String) -> LedgerEntry? { indexByName[name].map { entries[$0] } }

    /// Parameters of the backbone (everything up to `Conv2d_7b_1x1`), moving statistics included.
    public var backboneParameterCount: Int { entries.filter { $0.layer.op.kind != "fc" }.reduce(0) { $0 + $1.parameterCount } }
    public var parameterCount: Int { entries.reduce(0) { $0 + $1.parameterCount } }
    public var movingStatisticCount: Int { entries.reduce(0) { $0 + $1.movingStatisticCount } }
    public var macs: Int { entries.reduce(0) { $0 + $1.macs } }
    /// Every variable of the network, in layer order.
    public var weights: [WeightTensor] { entries.flatMap(\.weights) }

    // MARK: - Per-op arithmetic

    private struct LedgerFailure: Error { let reason: String }

    private static func derive(_ layer: Layer, inputs: [LedgerEntry], configuration: NetworkConfiguration) throws -> LedgerEntry {
        let first = inputs.first
        let inputShapes = inputs.map(\.output)
        var window: Window? = nil
        var geometry: WindowGeometry? = nil
        var output: Shape
        var macs = 0
        var slices: [ConcatSlice] = []
        var receptiveField = first?.receptiveField ?? Size2(1, 1)
        var jump = first?.jump ?? Size2(1, 1)

        func slide(_ declared: Window, channels: Int) throws -> Shape {
            guard let input = first?.output, input.isMap else { throw LedgerFailure(reason: "needs a map, got a vector") }
            guard let g = WindowGeometry(input: input.spatial, window: declared) else {
                let dilated = declared.isDilated ? " dilated by \(declared.rateText) (spanning \(declared.effectiveKernel))" : ""
                throw LedgerFailure(reason: "a \(declared.kernel) \(declared.padding.rawValue) window\(dilated) does not fit the \(input.spatial) map")
            }
            window = declared
            geometry = g
            let span = declared.effectiveKernel
            receptiveField = Size2(
                receptiveField.height + (span.height - 1) * jump.height,
                receptiveField.width + (span.width - 1) * jump.width)
            jump = Size2(jump.height * declared.stride.height, jump.width * declared.stride.width)
            return Shape(height: g.output.height, width: g.output.width, channels: channels)
        }

        switch layer.op {
        case .input(let channels):
            output = Shape(height: configuration.input.height, width: configuration.input.width, channels: channels)
        case .convolution(let conv):
            output = try slide(conv.window, channels: conv.filters)
            let k = conv.window.kernel
            macs = output.spatial.height * output.spatial.width * k.height * k.width * first!.output.channels * conv.filters
        case .maxPool(let declared), .averagePool(let declared):
            output = try slide(declared, channels: first!.output.channels)
        case .globalAveragePool:
            let map = first!.output.spatial
            output = try slide(Window(kernel: map, stride: Size2(1, 1), padding: .valid), channels: first!.output.channels)
        case .concat:
            let spatial = inputShapes.map(\.spatial)
            guard Set(spatial).count == 1, inputShapes.allSatisfy(\.isMap) else {
                let listed = zip(inputs, inputShapes).map { "\($0.0.layer.branch ?? $0.0.name) \($0.1)" }.joined(separator: ", ")
                throw LedgerFailure(reason: "branches disagree spatially: \(listed)")
            }
            var start = 0
            for entry in inputs {
                let width = entry.output.channels
                slices.append(ConcatSlice(source: entry.name, branch: entry.layer.branch ?? entry.name, channels: start..<(start + width)))
                start += width
            }
            output = Shape(height: spatial[0].height, width: spatial[0].width, channels: start)
            receptiveField = Size2(inputs.map(\.receptiveField.height).max()!, inputs.map(\.receptiveField.width).max()!)
            jump = Size2(inputs.map(\.jump.height).max()!, inputs.map(\.jump.width).max()!)
        case .residual:
            guard inputShapes.count == 2, inputShapes[0] == inputShapes[1] else {
                throw LedgerFailure(reason: "input \(inputShapes[0]) and up projection \(inputShapes[1]) differ")
            }
            output = inputShapes[0]
            receptiveField = Size2(inputs.map(\.receptiveField.height).max()!, inputs.map(\.receptiveField.width).max()!)
            jump = Size2(inputs.map(\.jump.height).max()!, inputs.map(\.jump.width).max()!)
        case .flatten:
            output = Shape([first!.output.elementCount])
        case .dropout, .l2Normalize:
            output = first!.output
        case .fullyConnected(let fc):
            guard !first!.output.isMap else { throw LedgerFailure(reason: "needs a flat vector, got \(first!.output)") }
            output = Shape([fc.units])
            macs = first!.output.channels * fc.units
        }
        return LedgerEntry(
            layer: layer, inputShapes: inputShapes, output: output, window: window,
            pad: geometry?.pad ?? .none, lostRows: geometry?.lostRows ?? [], lostColumns: geometry?.lostColumns ?? [],
            weights: WeightTensor.variables(of: layer.op, scope: layer.scope, inputChannels: first?.output.channels ?? 0),
            macs: macs, receptiveField: receptiveField, jump: jump, concatSlices: slices
        )
    }
}

/// The first layer the arithmetic rejects, the shapes it was given, and what came before.
public struct LedgerError: Error, CustomStringConvertible {
    public let layer: String
    public let reason: String
    public let inputShapes: [Shape]
    /// Entries of the layers before the failing one.
    public let partial: [LedgerEntry]

    public var description: String {
        let shapes = inputShapes.map(\.description).joined(separator: ", ")
        return "layer '\(layer)' breaks the network: \(reason) (input \(shapes))"
    }
}
