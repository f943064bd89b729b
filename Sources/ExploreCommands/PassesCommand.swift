import ArgumentParser
import Computation
import Exploration
import GEMM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `explore passes`: weights loaded and packed once, then one timed forward pass per
/// request line, for a script that times explore beside other runtimes in one process
/// (`scripts/peers`), alternating with them pass by pass.
struct PassesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passes",
        abstract: "Load and pack once, then run one timed forward pass per 'pass' line on standard input.",
        discussion: """
            Prints 'ready threads=N input=HxW kernels=K' once the weights are packed; then, for each \
            line 'pass', runs one whole forward pass (batch 1, on one interpreter made at start and reset \
            before the clock starts) and prints 'pass <seconds> s, output[0] <value>'. 'quit' or the end of \
            standard input ends it; any other line is an error. The thread count is the processors' \
            unless EXPLORE_THREADS is set. Used by scripts/peers.
            """
    )

    @OptionGroup var compute: ComputeOptions

    /// The longest request line read (the requests are single words).
    static let maximumRequestLength = 64

    func run() throws {
        let settings = compute.settings
        let ledger = try settings.makeLedger()
        let input = try settings.makeInput()
        let weights = try settings.makeWeights(for: ledger, warning: warn)
        let backend = try settings.makeBackend(ledger: ledger, weights: weights)
        // Made once, like a runtime's session: working out its plan from the ledger takes
        // 0.3-0.7 ms, which the caller's clock would count in every pass.
        let interpreter = Interpreter(ledger: ledger, backend: backend, input: input, retain: .needed, fusesResidualBlocks: true)
        reply("ready threads=\(FastGEMM.defaultThreads) input=\(settings.configuration.inputDescription) kernels=\(backend.name)")
        while let line = readLine() {
            let request = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            switch request {
            case "pass":
                interpreter.reset()
                let start = MonotonicClock.seconds()
                try interpreter.runToEnd()
                let seconds = MonotonicClock.seconds() - start
                let first = interpreter.output(of: ledger.entries.last!.name)?.scalars.first ?? .nan
                reply("pass \(seconds) s, output[0] \(first)")
            case "quit":
                return
            default:
                let shown = request.count > Self.maximumRequestLength ? String(request.prefix(Self.maximumRequestLength)) + "..." : request
                throw ExploreError("passes: unknown request '\(shown)': send 'pass' or 'quit', one a line")
            }
        }
    }

    /// One line to standard output, unbuffered: the caller waits for it.
    private func reply(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
    }
}
