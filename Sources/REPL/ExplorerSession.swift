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

/// The REPL's state: the network in force (possibly broken by a what-if), the outputs
/// computed so far, the cursor the student moves, breakpoints and settings.
/// `execute(_:)` never throws: every failure becomes one error line and the state stays consistent.
public final class ExplorerSession {
    public internal(set) var settings: SessionSettings
    let out: OutputSink
    let style: Style
    let provider: ComputeProvider?

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

    /// A session with `settings`; the settings must describe a network (use `make` for user input).
    public init(settings: SessionSettings = SessionSettings(), provider: ComputeProvider?, out: OutputSink, style: Style = .plain) throws {
        self.settings = settings
        self.provider = provider
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

    // MARK: - Executing a line

    /// Runs one line; false when the line asks to quit. Blank lines and `#` comments do nothing.
    @discardableResult
    public func execute(_ line: String) -> Bool {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return true }
        do {
            let command = try CommandParser.parse(String(trimmed))
            if command == .quit { return false }
            try perform(command)
        } catch let error as CommandError {
            out.error("error: \(error.message)")
        } catch let error as LedgerError {
            out.error("error: \(error)")
        } catch let error as NetworkError {
            out.error("error: \(error)")
        } catch {
            out.error("error: \(String(describing: error).split(separator: "\n").joined(separator: " "))")
        }
        return true
    }

    func perform(_ command: SessionCommand) throws {
        switch command {
        case .help(let topic): try help(topic)
        case .whereAmI: whereAmI()
        case .step(let count): try step(count)
        case .next(let count): try next(count)
        case .continueRun: try continueRun()
        case .runTo(let layer): try run(to: layer)
        case .breakAt(let layer): try breakAt(layer)
        case .delete(let layer): try delete(layer)
        case .back(let count): back(count)
        case .reset: reset()
        case .inspect(let layer): try inspect(layer)
        case .show(let layer, let channel, let png, let force): try show(layer, channel: channel, png: png, force: force)
        case .table(let format, let language): table(format: format, language: language)
        case .set(let setting): try set(setting)
        case .verify: try verify()
        case .render(let expand, let force): try render(expand: expand, force: force)
        case .time(let block): try time(block)
        case .quiz(let answer): try quiz(answer)
        case .quit: break
        }
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
            let partialNetwork = try Network(configuration: truncated, stages: prefix.map { Stage.layer($0) })
            return (network, try Ledger(network: partialNetwork), error)
        }
    }

    /// Replaces the settings, re-derives the network and restarts the run. Rejects (and keeps
    /// the old state) settings that name no network or unreadable files.
    func apply(_ newSettings: SessionSettings) throws {
        let derived = try Self.derive(newSettings.configuration)
        var newInput: Tensor? = nil
        if let provider, newSettings.inputPath != settings.inputPath || newSettings.configuration.inputSize != settings.configuration.inputSize || newSettings.weightsPath != settings.weightsPath {
            newInput = try provider.input(for: newSettings)
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

    /// The index in the runnable ledger of `name`, with suggestions for unknown names and
    /// a clear error for layers past a what-if's failure.
    func index(of name: String) throws -> Int {
        _ = try network.requireLayer(named: name)
        if let index = ledger.network.position(of: name) { return index }
        throw CommandError("'\(name)' is not reached: the network breaks earlier, at \(failureLine)")
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
