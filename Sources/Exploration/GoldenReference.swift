import NetworkModel
import Tensors
import Verification

/// The golden tensors (Keras/TensorFlow's outputs) for the session's settings, when they
/// apply: input size and bottleneck as recorded, no padding overrides, seeded weights with
/// the recorded seed, the built-in image (bit for bit the recorded one).
final class GoldenReference {
    private let path: String
    private var loaded: Result<GoldenFile, GoldenFileError>?
    /// The verifier for the ledger last asked about, and why there is none.
    private var cache: (key: String, verifier: Verifier?, input: GoldenInput?, reason: String?)?

    init(path: String = GoldenLocation.defaultPath()) {
        self.path = path
    }

    private var file: Result<GoldenFile, GoldenFileError> {
        if let loaded { return loaded }
        let result = Result { () throws(GoldenFileError) in try GoldenFile.load(path: path) }
        loaded = result
        return result
    }

    /// The verifier and recorded input for these settings, or why the golden file does not apply.
    func applicable(settings: SessionSettings, ledger: Ledger, failure: LedgerError?, image: () throws -> Tensor?)
        -> (verifier: Verifier, input: GoldenInput)?
    {
        let standard = settings.standardisation == .fixed
        let key = "\(settings.configuration) \(settings.weightsPath ?? "") \(settings.seed) \(settings.inputPath ?? "") \(standard)"
        if let cache, cache.key == key {
            return cache.verifier.flatMap { verifier in cache.input.map { (verifier, $0) } }
        }
        let (verifier, input, reason) = resolve(settings: settings, ledger: ledger, failure: failure, image: image, standard: standard)
        cache = (key, verifier, input, reason)
        return verifier.flatMap { verifier in input.map { (verifier, $0) } }
    }

    /// Why the last `applicable` found nothing to compare with.
    var reason: String? { cache?.reason }

    private func resolve(settings: SessionSettings, ledger: Ledger, failure: LedgerError?, image: () throws -> Tensor?, standard: Bool)
        -> (Verifier?, GoldenInput?, String?)
    {
        let golden: GoldenFile
        switch file {
        case .success(let value): golden = value
        case .failure(let error): return (nil, nil, "no golden file: \(error.description)")
        }
        let network = golden.header.network
        let recorded =
            "the golden tensors are for input \(network.inputSize), bottleneck \(network.bottleneck), seeded random weights (seed \(golden.header.weightsSeed), untrained) and the built-in image"
        let recordedConfiguration = NetworkConfiguration(inputSize: network.inputSize, bottleneck: network.bottleneck)
        let whatIfs = Self.whatIfs(settings.configuration, against: recordedConfiguration)
        if !whatIfs.isEmpty {
            return (
                nil, nil, "not comparable: the what-if (" + whatIfs.joined(separator: ", ") + ") changes what is computed; \(recorded), the declared network"
            )
        }
        // --through computes the recorded network's first layers: they are compared against the whole one.
        var whole = settings.configuration
        whole.finalEndpoint = nil
        guard failure == nil, whole == recordedConfiguration,
            settings.weightsPath == nil, settings.seed == golden.header.weightsSeed, settings.inputPath == nil, standard,
            let builtin = golden.input(named: "builtin")
        else {
            return (nil, nil, "not compared: \(recorded)")
        }
        let verifier: Verifier
        do {
            let wholeLedger = settings.configuration.finalEndpoint == nil ? ledger : try Ledger.faceNet(whole)
            verifier = try Verifier(golden: golden, ledger: wholeLedger)
        } catch let error as GoldenFileError {
            return (nil, nil, "not compared: \(error.description)")
        } catch {
            return (nil, nil, "not compared: \(error)")
        }
        guard let tensor = try? image() else { return (nil, nil, "not compared: no input image") }
        if let note = verifier.compareImage(tensor, with: builtin, what: "the built-in image") {
            return (nil, nil, "not compared: \(note)")
        }
        return (verifier, builtin, nil)
    }

    /// The what-ifs that make `configuration` another network than the recorded one, as phrases.
    static func whatIfs(_ configuration: NetworkConfiguration, against recorded: NetworkConfiguration) -> [String] {
        var phrases: [String] = []
        if configuration.input != recorded.input { phrases.append("input \(configuration.inputDescription)") }
        if configuration.bottleneck != recorded.bottleneck { phrases.append("bottleneck \(configuration.bottleneck)") }
        phrases += configuration.paddingOverrides.sorted { $0.key < $1.key }.map { "padding \($0.key)=\($0.value.rawValue)" }
        // Stopping early (--through alone) computes the same layers: it is no reason on its own.
        var structure = configuration
        structure.finalEndpoint = nil
        return phrases + structure.structurePhrases
    }

    /// The verdict on one computed layer.
    static func check(_ entry: LedgerEntry, output: Tensor, verifier: Verifier, input: GoldenInput) -> LayerCheck? {
        guard let record = input.layers.first(where: { $0.name == entry.name }) else { return nil }
        return LayerComparison.compare(
            entry, output: output, inputs: [], golden: record,
            stored: verifier.golden.values(of: record), tolerance: verifier.tolerance)
    }

    /// `pass` / `FAIL: 12 of 4096 values off, ...`; `detailed` adds the error sizes.
    static func text(_ check: LayerCheck, detailed: Bool) -> String {
        let errors =
            "max abs error \(NumberFormat.scientific(check.maxAbsoluteError)), max rel error \(NumberFormat.scientific(check.maxRelativeError)) over \(check.compared)\(check.whole ? "" : " sampled") values"
        if check.passed { return detailed ? "pass (\(errors))" : "pass" }
        var text = "FAIL: \(check.failures) of \(check.compared) values off"
        if !check.statisticFailures.isEmpty { text += ", " + check.statisticFailures.joined(separator: ", ") }
        if check.nonFinite > 0 { text += ", \(check.nonFinite) NaN/inf" }
        text += "; " + errors + (check.worst.map { " at \($0)" } ?? "")
        if let hint = check.hint { text += "; hint: \(hint)" }
        return text
    }
}
