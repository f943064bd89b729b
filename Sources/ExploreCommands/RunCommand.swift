import ArgumentParser
import Computation
import Exploration
import GEMM
import ModelData
import NetworkModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `explore run`: one forward pass; optionally saves chosen layers as `.npy` files.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a whole forward pass and print its time and the embedding.",
        discussion: """
            With --save DIR, writes each layer named in --layers to DIR/<layer path>.npy (float32, \
            NHWC with batch 1; a '/' in a path makes folders). Existing files are kept unless --force.

            Example: explore run --save /tmp/acts --layers Conv2d_1a_3x3,Mixed_5b/Branch_3/AvgPool_0a_3x3,Embedding
            """
    )

    @OptionGroup var compute: ComputeOptions

    @Option(help: ArgumentHelp("Folder to write the chosen layers' outputs to.", valueName: "DIR"))
    var save: String?

    @Option(help: ArgumentHelp("Comma-separated layer paths to save ('all' for every layer; default: Embedding).", valueName: "A,B,..."))
    var layers: String?

    @Flag(help: "Replace existing .npy files.")
    var force = false

    @Flag(help: "Also print every layer's time, slowest first.")
    var timings = false

    func validate() throws {
        if layers != nil, save == nil {
            throw ValidationError("--layers chooses what --save writes: add --save DIR")
        }
    }

    func run() throws {
        let settings = compute.settings
        let ledger = try settings.makeLedger()
        // Check the names and the files before computing anything.
        let names = try layerNames(in: ledger)
        let paths = try save.map { try plannedFiles(names, in: $0) } ?? []
        try save.map(NPY.prepareFolder)

        let input = try settings.makeInput()
        let weights = try settings.makeWeights(for: ledger, warning: warn)
        let backend = try settings.makeBackend(ledger: ledger, weights: weights)
        let interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .names(Set(names)))
        let clock = ContinuousClock()
        let start = clock.now
        try interpreter.runToEnd()
        let seconds = (clock.now - start) / .seconds(1)

        let size = settings.configuration.inputDescription
        print(
            "\(backend.name) forward pass, \(size) input, \(settings.weightsDescription), \(settings.inputDescription): \(fixedDecimals(seconds, 3)) s (\(ledger.entries.count) layers)"
        )
        let last = ledger.entries.last!
        if last.name != "Embedding", let output = interpreter.output(of: last.name) {
            // --through (or output stride 8) ended the network before the embedding.
            let values = output.scalars
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(max(values.count, 1))
            print(
                "stopped after \(last.name) (\(settings.configuration.structurePhrases.joined(separator: ", "))): output \(last.output), mean \(fixedDecimals(mean, 5)), max \(fixedDecimals(Double(values.max() ?? 0), 5))"
            )
        } else if let embedding = interpreter.output(of: last.name) {
            let norm = embedding.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            let first = embedding.scalars.prefix(8).map { fixedDecimals(Double($0), 5) }.joined(separator: " ")
            print("embedding [\(embedding.count)]: norm \(fixedDecimals(norm, 6)), first \(min(8, embedding.count)): \(first)")
        }
        if timings {
            print(TileCode.selected.description)
            for result in interpreter.results.sorted(by: { $0.seconds > $1.seconds }) {
                print("\(fixedDecimals(result.seconds * 1000, 3).leftPadded(10)) ms  \(result.name)")
            }
        }
        for (name, path) in zip(names, paths) {
            guard let output = interpreter.output(of: name) else { continue }
            try makeFolders(for: path)
            try NPY.write(output, to: path, overwrite: force)
        }
        if let save {
            print("saved \(paths.count) tensor\(paths.count == 1 ? "" : "s") to \(save)")
        }
    }

    /// The `--layers` names checked against the network (suggestions for a misspelt one).
    private func layerNames(in ledger: Ledger) throws -> [String] {
        guard save != nil else { return [] }
        guard let layers else { return [ledger.entries.last!.name] }
        if layers == "all" { return ledger.entries.map(\.name) }
        var names: [String] = []
        for name in layers.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !name.isEmpty && !names.contains(name) {
            names.append(try ledger.network.requireLayer(named: name).name)
        }
        guard !names.isEmpty else { throw ExploreError("--layers names no layer: give paths like Mixed_5b,Embedding") }
        return names
    }

    /// `DIR/<path>.npy` for each name; refuses existing files unless `--force`.
    private func plannedFiles(_ names: [String], in folder: String) throws -> [String] {
        let paths = names.map { folder + "/" + $0 + ".npy" }
        if !force, let existing = paths.first(where: { access($0, F_OK) == 0 }) {
            throw ExploreError("\(existing) exists: pass --force to replace it, or choose another --save folder")
        }
        return paths
    }

    /// Creates the folders leading to `path` (`mkdir -p` of its parent).
    private func makeFolders(for path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/").dropLast() {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ExploreError("\(prefix): cannot create folder: \(String(cString: strerror(errno)))")
            }
            prefix += "/"
        }
    }
}

private func fixedDecimals(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    return decimals == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
}

private extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
