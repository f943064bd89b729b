import ArgumentParser
import ModelData
import NetworkModel

/// `explore weights`: the network's variables as files.
struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Export the generated (seeded random, untrained) weights as a .safetensors file.",
        subcommands: [Export.self]
    )

    /// `explore weights export FILE [--seed N] [--force]`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every generated variable, with FaceNet's names, to a .safetensors file (F32, about 224 MB).",
            discussion: """
                The values follow the generated-weights spec (docs/generated-weights.md), so
                numpy can read them back with safetensors.numpy.load_file and --weights FILE computes
                exactly what the seeded weights compute.
                Example: explore weights export /tmp/facenet-2018.safetensors --seed 2018
                """
        )

        @Argument(help: ArgumentHelp("The .safetensors file to write.", valueName: "FILE"))
        var file: String

        @Option(help: "Seed of the generated weights.")
        var seed: UInt64 = GeneratedWeights.defaultSeed

        @Flag(help: "Replace FILE if it exists.")
        var force = false

        @OptionGroup var network: NetworkOptions

        func run() throws {
            let clock = ContinuousClock()
            let start = clock.now
            let ledger = try Ledger.faceNet(network.configuration)
            let variables = ledger.weights
            let generated = GeneratedWeights(seed: seed, ledger: ledger)
            try SafetensorsWriter.write(
                shapes: variables.map { ($0.name, $0.shape) }, to: file, overwrite: force,
                metadata: ["generator": "Inception Explorer GeneratedWeights", "seed": String(seed)]
            ) { try generated.tensor(named: variables[$0].name, shape: variables[$0].shape).scalars }
            let values = variables.reduce(0) { $0 + $1.elementCount }
            let seconds = (clock.now - start) / .seconds(1)
            let megabytes = Double(values * 4) / 1_000_000
            print("wrote \(variables.count) tensors, \(values) values (\(megabytes.formatted1) MB, seed \(seed)) to \(file) in \(seconds.formatted2) s")
        }
    }
}

private extension Double {
    var formatted1: String { String(Int((self * 10).rounded()) / 10) + "." + String(Int((self * 10).rounded()) % 10) }
    var formatted2: String {
        let hundredths = Int((self * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
