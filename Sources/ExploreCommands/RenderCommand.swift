import ArgumentParser
import Computation
import DiagramModel
import Exploration
import ModelData
import NetworkModel
import Rendering
import Verification

/// `explore render`: the architecture diagram, drawn from the declaration through Graphviz.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the architecture diagram through Graphviz (svg, png, pdf or dot).",
        discussion: """
            Without --expand: the overview (stem, Mixed blocks, each run of repeated blocks \
            drawn once, the head), every edge labelled with its tensor shape.
            --expand NAME draws a block op by op: a block (Mixed_6a, Block17_4, Block8_10), \
            a kind (Block35, Block17, Block8: one instance stands for all) or all (every layer).
            --input-size and --padding redraw with the what-if shapes; an override that breaks \
            the network is drawn up to the failing layer, marked in red with the reason.

            Where it writes: --out FILE, else Output/<view>.<format> (Output/overview.svg, \
            Output/Mixed_6a.svg, ...). An existing file is never overwritten unless --out names \
            it explicitly or --force is given; without either, render stops with an error. \
            --format defaults to the --out extension, else svg; dot writes the DOT text itself.
            Regenerate the committed examples with scripts/render-examples.sh.
            """
    )

    /// The what-if options, and for --color time/verify the weights, input and kernels.
    @OptionGroup var compute: ComputeOptions

    @Option(help: ArgumentHelp("Block to draw op by op: Mixed_6a, Block17_4, a kind (Block17), or all.", valueName: "NAME"))
    var expand: String?

    @Option(help: ArgumentHelp("svg, png, pdf or dot (default: from --out's extension, else svg).", valueName: "FORMAT"))
    var format: String?

    @Option(help: ArgumentHelp("File to write (overwritten if it exists). Default: Output/<view>.<format>.", valueName: "FILE"))
    var out: String?

    @Flag(help: "Overwrite the default output file if it exists.")
    var force = false

    @Option(
        help: ArgumentHelp(
            "Fill nodes by op kind (default), by each layer's share of the time of one forward pass (time; --weights, --seed, --input, --gemm apply), or by agreement with the golden tensors, as explore verify checks them (verify).",
            valueName: "kind|time|verify"))
    var color: String = "kind"

    @Option(
        help: ArgumentHelp(
            "The golden file for --color verify (default: Tests/Golden/\(GoldenFile.fileName), or $\(GoldenLocation.environmentVariable)).", valueName: "FILE"))
    var golden: String?

    func run() throws {
        let format = try resolvedFormat()
        let networkModel = try Network.faceNet(compute.network.configuration)
        let source = DiagramSource(network: networkModel)
        let selection = try expand.map { name throws(DiagramError) in try ExpandSelection.parse(name, in: networkModel) }
        let path = out ?? "Output/\(selection?.slug ?? "overview").\(format.rawValue)"
        if out == nil && !force && OutputFile.exists(path) {
            throw ExploreError("'\(path)' exists: pass --force to overwrite it, or name it with --out")
        }
        if out != nil { try OutputFile.checkCreatable(path) }
        let shading = try resolvedShading(source)
        let diagram = DiagramBuilder(source: source, shading: shading).diagram(expanding: selection)
        let bytes = try Graphviz.render(dot: DOTWriter.dot(diagram), format: format)
        if out == nil { try OutputFile.createParentFolder(of: path) }
        try OutputFile.write(bytes, to: path)
        var summary = "wrote \(path) (\(diagram.nodes.count) nodes, \(diagram.edges.count) edges)"
        if let failure = source.failure { summary += "; the network breaks at \(failure.layer): \(failure.reason)" }
        print(summary)
    }

    func resolvedFormat() throws -> RenderFormat {
        if let format {
            guard let known = RenderFormat(rawValue: format.lowercased()) else {
                throw ExploreError("unknown format '\(format)': use one of \(RenderFormat.list)")
            }
            if let out, let implied = RenderFormat(pathExtensionOf: out), implied != known {
                throw ExploreError("--out '\(out)' ends in .\(implied.rawValue) but --format is \(known.rawValue): make them agree")
            }
            return known
        }
        if let out, let implied = RenderFormat(pathExtensionOf: out) { return implied }
        return .svg
    }

    func resolvedShading(_ source: DiagramSource) throws -> Shading {
        switch color.lowercased() {
        case "kind", "op": return .opKind
        case "time": return .timeShare(try timeShares(source))
        case "verify": return .verification(try verdicts(source))
        default:
            throw ExploreError("unknown --color '\(color)': use kind, time or verify")
        }
    }

    /// Runs the network once (the --weights/--seed, --input and --gemm of every computing
    /// command) and returns each layer's share of the summed layer times.
    func timeShares(_ source: DiagramSource) throws -> [String: Double] {
        if let failure = source.failure { throw ExploreError("--color time cannot run the network: \(failure)") }
        let ledger = try Ledger(network: source.network)
        let settings = compute.settings
        let input = try settings.makeInput()
        let backend = try settings.makeBackend(ledger: ledger, weights: try settings.makeWeights(for: ledger, warning: warn))
        let interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed)
        let results = try interpreter.runToEnd()
        let total = results.reduce(0) { $0 + $1.seconds }
        guard total > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.seconds / total) })
    }

    /// Runs the golden comparison once (the golden file's seeded weights and first recorded
    /// input, the --gemm kernels) and returns each layer's verdict.
    func verdicts(_ source: DiagramSource) throws -> [String: Bool] {
        guard source.network.configuration == NetworkConfiguration() else {
            throw ExploreError(
                "--color verify compares with golden tensors made at input \(NetworkConfiguration.defaultInputSize), bottleneck \(NetworkConfiguration.defaultBottleneck) with the declared network: drop --input-size, --bottleneck, --padding and TF-Slim's options (--align-feature-maps, --output-stride, --dilation, --through)"
            )
        }
        if compute.weights != nil || compute.seed != nil || compute.input != nil {
            throw ExploreError("--color verify uses the golden file's weights and image: drop --weights, --seed and --input")
        }
        let path = golden ?? GoldenLocation.defaultPath()
        let file = try GoldenFile.load(path: path)
        let verifier = try Verifier(golden: file, ledger: try Ledger(network: source.network))
        guard let input = file.header.inputs.first else { throw ExploreError("the golden file '\(path)' records no input") }
        let backend = try compute.settings.makeBackend(
            ledger: verifier.ledger, weights: GeneratedWeights(seed: file.header.weightsSeed, ledger: verifier.ledger))
        let report = try verifier.verify(input, backend: backend)
        return Dictionary(report.layers.map { ($0.layer, $0.passed) }, uniquingKeysWith: { $0 && $1 })
    }
}
