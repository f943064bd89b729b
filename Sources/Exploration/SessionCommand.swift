import NetworkModel

/// One parsed REPL command. Layer names are checked by the session (it knows the network).
public enum SessionCommand: Equatable, Sendable {
    case help(topic: String?)
    case whereAmI
    /// Run `count` ops, one at a time, into branches.
    case step(count: Int)
    /// Run over the rest of the current block (a stem or head layer counts as a block).
    case next(count: Int)
    /// Run to the next breakpoint, or to the end.
    case continueRun
    /// Run until `layer` has been computed; nil: to the end.
    case runTo(layer: String?)
    /// Add a breakpoint; nil lists them.
    case breakAt(layer: String?)
    /// Remove one breakpoint, or all with nil.
    case delete(layer: String?)
    /// Move the cursor back `count` ops (outputs stay computed).
    case back(count: Int)
    case reset
    /// nil: the last computed layer.
    case inspect(layer: String?)
    case show(layer: String?, channel: Int?, png: String?, force: Bool)
    /// `pattern`: a block or a glob of paths; `only`: padded, lossy or overridden (as `explore table`).
    case table(format: String, language: String, pattern: String? = nil, only: String? = nil)
    case set(Setting)
    case verify
    /// `png`: a PNG instead of the SVG (as `explore render --format png`).
    case render(expand: String?, force: Bool, png: Bool = false)
    case time(block: String?)
    /// Predict-then-run: nil asks a question, text answers it.
    case quiz(answer: String?)
    case quit

    /// What `set` changes.
    public enum Setting: Equatable, Sendable {
        case gemm(String)
        /// nil: the built-in synthetic image.
        case input(String?)
        /// A square side or `height x width`.
        case inputSize(Size2)
        /// TF-Slim's align_feature_maps.
        case alignFeatureMaps(Bool)
        /// TF-Slim's output stride, 8 or 16.
        case outputStride(Int)
        /// nil rate: back to the declared one (or output stride's).
        case dilation(layer: String, Int?)
        /// TF-Slim's final endpoint; nil: the whole network.
        case through(String?)
        /// nil padding: back to the declared one.
        case padding(layer: String, Padding?)
        case language(String)
        /// nil: generated weights.
        case weights(String?)
        case seed(UInt64)
        /// Show the stages inside each op when stepping.
        case subSteps(Bool)
    }
}
