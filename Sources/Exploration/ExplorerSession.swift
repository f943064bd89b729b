import Coursework
import LedgerReports
import NetworkModel
import Tensors

/// One op computed in the session: its ledger entry, its output and its time.
public struct StepRecord {
    public let entry: LedgerEntry
    public let output: Tensor
    public let seconds: Double
}

/// A student's exploration of the network, the state below both `explore step` and the
/// REPL: the network in force (possibly broken by a what-if), the outputs computed so far,
/// the cursor the student moves, breakpoints and settings. Each command prints to `out`; a
/// command that fails throws one error and leaves the state consistent.
public final class ExplorerSession {
    public internal(set) var settings: SessionSettings
    public let out: OutputSink
    public let style: Style

    /// The whole network under the settings (names, blocks, suggestions).
    private(set) var network: Network
    /// The runnable ledger: the whole network, or the layers before `failure`.
    private(set) var ledger: Ledger
    /// Where the what-if configuration breaks the network, if it does.
    private(set) var failure: LedgerError?

    var executor: OpExecutor?
    var input: Tensor?
    /// Outputs computed so far, one per ledger entry from the first.
    var records: [StepRecord] = []
    /// Number of entries the student has stepped over (`records` may hold more after `back`).
    var cursor = 0
    /// Breakpoints as typed, in the order they were set.
    var breakpoints: [String] = []
    /// Keras/TensorFlow's outputs, when they apply to the settings.
    let golden = GoldenReference()
    /// Whether `step` also shows the stages inside each op (conv2d, batch norm, relu).
    public var showsSubSteps = false
    /// The `quiz` game's question and score.
    var quiz = Quiz()
    /// A one-shot command (`explore step`), not the REPL: no advice about REPL commands.
    var isCommandLine = false

    /// A session with `settings`; throws when they name no network (an unknown layer, size 0).
    public init(settings: SessionSettings = SessionSettings(), out: OutputSink, style: Style = .plain) throws {
        self.settings = settings
        self.out = out
        self.style = style
        let derived = try Self.derive(settings.configuration)
        self.network = derived.network
        self.ledger = derived.ledger
        self.failure = derived.failure
    }

    var report: StepReport { StepReport(style: style, language: settings.language) }

    /// Layer names of the whole network, for completion.
    public var layerNames: [String] { network.layers.map(\.name) }

    /// The prompt: `explore[Block35_1]> `.
    public var prompt: String {
        let place = cursor == 0 ? "" : "[\(ledger.entries[cursor - 1].name)]"
        return "explore\(place)> "
    }

    // MARK: - The network in force

    /// The network for `configuration`, its runnable ledger and the failure of a breaking what-if.
    /// Throws for configurations that name no network (unknown layer, size 0).
    static func derive(_ configuration: NetworkConfiguration) throws -> (network: Network, ledger: Ledger, failure: LedgerError?) {
        let network = try Network.faceNet(configuration)
        do {
            return (network, try Ledger(network: network), nil)
        } catch {
            // The layers before the failing one, each as its own stage, overrides already applied.
            let prefix = Array(network.layers.prefix(error.partial.count))
            let names = Set(prefix.map(\.name))
            var truncated = configuration
            truncated.paddingOverrides = configuration.paddingOverrides.filter { names.contains($0.key) }
            truncated.dilations = configuration.dilations.filter { names.contains($0.key) }
            truncated.finalEndpoint = nil
            let partialNetwork = try Network(configuration: truncated, stages: prefix.map { Stage.layer($0) })
            return (network, try Ledger(network: partialNetwork), error)
        }
    }

    /// Replaces the settings, re-derives the network and restarts the run. Rejects (and keeps
    /// the old state) settings that name no network or unreadable files.
    func apply(_ newSettings: SessionSettings) throws {
        let derived = try Self.derive(newSettings.configuration)
        var newInput: Tensor? = nil
        if newSettings.inputPath != settings.inputPath || newSettings.configuration.input != settings.configuration.input
            || newSettings.weightsPath != settings.weightsPath || newSettings.standardisation != settings.standardisation
        {
            newInput = try newSettings.makeInput()
        }
        settings = newSettings
        network = derived.network
        ledger = derived.ledger
        failure = derived.failure
        if let newInput { input = newInput }
        executor = nil
        records = []
        cursor = 0
    }

    /// The layer `name` names in the whole network (suggestions for unknown names).
    public func requireLayer(named name: String) throws -> Layer {
        try network.requireLayer(named: name)
    }

    /// The index in the runnable ledger of `name`, with suggestions for unknown names and
    /// a clear error for layers past a what-if's failure.
    func index(of name: String) throws -> Int {
        _ = try network.requireLayer(named: name)
        if let index = ledger.network.position(of: name) { return index }
        let inside = failure.map { $0.layer == name || $0.layer.hasPrefix(name + "/") } ?? false
        throw CommandError("'\(name)' is not reached: the network breaks \(inside ? "at" : "earlier, at") \(failureLine)")
    }

    /// The index where a breakpoint on `name` stops: a block's first op, or the layer itself.
    func breakIndex(of name: String) -> Int? {
        if let block = network.block(named: name), let first = block.layers.first { return ledger.network.position(of: first.name) }
        return ledger.network.position(of: name)
    }

    var failureLine: String {
        guard let failure else { return "" }
        return "'\(failure.layer)': \(failure.reason) (input \(failure.inputShapes.map(\.description).joined(separator: ", ")))"
    }
}
