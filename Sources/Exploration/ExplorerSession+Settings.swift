import Foundation
import LedgerReports
import NetworkModel

/// `set`: compute choices and what-ifs. A what-if re-derives every shape and restarts the run;
/// a rejected one leaves the session as it was.
extension ExplorerSession {
    /// The session keeps every output, so the side is capped (299 is the paper's).
    static let largestInputSize = NetworkConfiguration.inputSizeRange.upperBound

    public func set(_ setting: SessionCommand.Setting) throws {
        var new = settings
        switch setting {
        case .gemm(let gemm):
            guard let kernels = Kernels(rawValue: gemm) else {
                throw CommandError("set gemm: '\(gemm)' is not a kernel of this build: " + Kernels.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
            }
            new.kernels = kernels
            try apply(new)
            out.line("gemm \(gemm): the run restarts with the \(gemm) kernels")
        case .input(let path):
            if let path, !FileManager.default.fileExists(atPath: path) {
                throw CommandError("set input: no file '\(path)' (give a .png, .jpg or .npy, or 'synthetic')")
            }
            new.inputPath = path
            do {
                try apply(new)
            } catch {
                // The loader speaks to the command line; in the REPL the fix is a 'set'.
                let message = String(describing: error).replacing(/pass --input-size (\d+(?:x\d+)?)/) { "first 'set input-size \($0.1)'" }
                throw CommandError(message)
            }
            out.line("input \(path ?? "synthetic image"): the run restarts")
        case .inputSize(let size):
            guard size.height <= Self.largestInputSize, size.width <= Self.largestInputSize else {
                throw CommandError(
                    "set input-size: \(size.compactDescription) is beyond this explorer's \(Self.largestInputSize) (every output is kept: memory grows with the square of the side)"
                )
            }
            new.configuration.input = size
            try apply(new)
            reportWhatIf("input size \(size.compactDescription)")
        case .alignFeatureMaps(let on):
            new.configuration.alignFeatureMaps = on
            try apply(new)
            reportWhatIf(on ? "align_feature_maps on (the stem's and reductions' VALID windows made SAME)" : "align_feature_maps off")
        case .outputStride(let stride):
            new.configuration.outputStride = stride
            try apply(new)
            reportWhatIf(stride == 8 ? "output stride 8 (Mixed_6a at stride 1, Block17 dilated by 2; the network ends at Block17_20)" : "output stride 16")
        case .dilation(let name, let rate):
            new.configuration.dilations[name] = rate
            try apply(new)
            reportWhatIf(rate.map { "\(name) dilated by \($0)" } ?? "\(name) dilation as declared")
        case .through(let endpoint):
            new.configuration.finalEndpoint = endpoint
            try apply(new)
            reportWhatIf(endpoint.map { "through \($0)" } ?? "the whole network")
        case .padding("all", nil):
            let count = new.configuration.paddingOverrides.count
            new.configuration.paddingOverrides = [:]
            try apply(new)
            reportWhatIf("every padding as declared (\(NumberFormat.count(count, "override")) dropped)")
        case .padding(let name, let padding):
            let layer = try network.requireLayer(named: name)
            var declaredConfiguration = settings.configuration
            declaredConfiguration.paddingOverrides = [:]
            guard let declared = try Network.faceNet(declaredConfiguration).layer(named: name)?.op.window?.padding else {
                throw NetworkError.notWindowed(name, op: layer.op.kind)
            }
            new.configuration.paddingOverrides[name] = (padding == nil || padding == declared) ? nil : padding
            try apply(new)
            reportWhatIf(
                "\(name) \((padding ?? declared).rawValue)" + (padding == nil || padding == declared ? " (as declared)" : " (declared \(declared.rawValue))"))
        case .language(let code):
            new.language = Language(rawValue: code) ?? .en
            settings = new
            out.line(code == "zh" ? "notes in Chinese (the source table's phrasing)" : "notes in English")
        case .weights(let path):
            if let path, !FileManager.default.fileExists(atPath: path) {
                throw CommandError("set weights: no file '\(path)' (give a .safetensors file, or 'seeded')")
            }
            new.weightsPath = path
            try apply(new)
            out.line("weights \(path ?? "seeded random (seed \(new.seed), untrained)"): the run restarts")
        case .subSteps(let on):
            showsSubSteps = on
            out.line(
                on ? "step shows the stages inside each op (conv2d, batch norm, relu), recomputed by the naive kernels" : "step shows each op's output only")
        case .seed(let seed):
            new.seed = seed
            new.weightsPath = nil
            try apply(new)
            out.line("seeded random weights (seed \(seed), untrained): the run restarts")
        }
    }

    /// After a what-if: the new output shapes, or where and why the network now breaks.
    private func reportWhatIf(_ what: String) {
        if let failure {
            out.line("\(what): " + style.red("the network breaks at \(failureLine)"))
            out.line("  \(NumberFormat.count(failure.partial.count, "op")) before it still run; stepping stops there. The run restarts.")
        } else {
            let key = ["Conv2d_1a_3x3", "MaxPool_5a_3x3", "Mixed_6a", "Mixed_7a", "Conv2d_7b_1x1", "Embedding"]
            let shapes = key.compactMap { name in ledger[name].map { "\(name) \($0.output)" } }
            out.line("\(what): shapes re-derived, the run restarts")
            out.line("  " + shapes.joined(separator: ", "))
        }
    }
}
