/// Declares a sequence of layers, each reading the one before (a stem, a branch, the head).
struct LayerChain {
    /// Name of the last layer declared (the next one's input).
    var previous: String
    /// Path prefix of the names (`Mixed_5b/Branch_1/`), empty at top level.
    var namePrefix = ""
    /// Variable scope prefix (`InceptionResnetV2/Mixed_5b/Branch_1`).
    var scopePrefix = Network.variableRoot
    var block: String? = nil
    var branch: String? = nil
    private(set) var declared: [Layer] = []

    init(previous: String, namePrefix: String = "", scopePrefix: String = Network.variableRoot, block: String? = nil, branch: String? = nil) {
        self.previous = previous
        self.namePrefix = namePrefix
        self.scopePrefix = scopePrefix
        self.block = block
        self.branch = branch
    }

    /// Appends `name` computing `op` on the previous layer.
    @discardableResult
    mutating func append(_ name: String, _ op: Op) -> Layer {
        let layer = Layer(name: namePrefix + name, op: op, inputs: [previous], scope: "\(scopePrefix)/\(name)", block: block, branch: branch)
        declared.append(layer)
        previous = layer.name
        return layer
    }

    /// conv -> batch norm -> ReLU, no bias: every stem and branch convolution.
    @discardableResult
    mutating func conv(_ name: String, _ filters: Int, kernel: Int, stride: Int = 1, padding: Padding = .same, rate: Int = 1) -> Layer {
        conv(name, filters, kernel: Size2(square: kernel), stride: stride, padding: padding, rate: rate)
    }

    /// `rate`: TF-Slim's dilation rate (its `arg_scope` sets it for a whole block).
    @discardableResult
    mutating func conv(_ name: String, _ filters: Int, kernel: Size2, stride: Int = 1, padding: Padding = .same, rate: Int = 1) -> Layer {
        let window = Window(kernel: kernel, stride: Size2(square: stride), padding: padding, dilation: Size2(square: rate))
        return append(name, .convolution(Convolution(filters: filters, window: window, batchNorm: true, bias: false, activation: .relu)))
    }

    @discardableResult
    mutating func maxPool(_ name: String, kernel: Int, stride: Int, padding: Padding = .valid) -> Layer {
        append(name, .maxPool(Window(kernel: Size2(square: kernel), stride: Size2(square: stride), padding: padding)))
    }

    @discardableResult
    mutating func averagePool(_ name: String, kernel: Int, stride: Int, padding: Padding) -> Layer {
        append(name, .averagePool(Window(kernel: Size2(square: kernel), stride: Size2(square: stride), padding: padding)))
    }
}

/// Declares one block: branches that all read the block's input, then a concat,
/// and for residual blocks the up projection and `act(input + scale * up)`.
struct BlockDeclaration {
    let name: String
    let kind: BlockKind
    let scope: String
    let input: String
    private var layers: [Layer] = []
    private var branchOutputs: [String] = []

    init(name: String, kind: BlockKind, scope: String, input: String) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.input = input
    }

    mutating func branch(_ branch: String, _ body: (inout LayerChain) -> Void) {
        var chain = LayerChain(previous: input, namePrefix: "\(name)/\(branch)/", scopePrefix: "\(scope)/\(branch)", block: name, branch: branch)
        body(&chain)
        layers += chain.declared
        branchOutputs.append(chain.previous)
    }

    /// A Mixed block: the concat of the branches is the block's output.
    func concatenated() -> Block {
        let concat = Layer(name: name, op: .concat, inputs: branchOutputs, scope: scope, block: name)
        return Block(name: name, kind: kind, layers: layers + [concat])
    }

    /// A residual block: concat, 1x1 up projection to `width` (bias, no batch norm), then the sum.
    func residual(width: Int, scale: Float, activation: Activation, rate: Int = 1) -> Block {
        let concat = Layer(name: "\(name)/concat", op: .concat, inputs: branchOutputs, scope: "\(scope)/concat", block: name)
        let upWindow = Window(kernel: Size2(square: 1), stride: Size2(square: 1), padding: .same, dilation: Size2(square: rate))
        let up = Layer(
            name: "\(name)/Conv2d_1x1",
            op: .convolution(Convolution(filters: width, window: upWindow, batchNorm: false, bias: true, activation: .none)),
            inputs: [concat.name], scope: "\(scope)/Conv2d_1x1", block: name
        )
        let sum = Layer(name: name, op: .residual(scale: scale, activation: activation), inputs: [input, up.name], scope: scope, block: name)
        return Block(name: name, kind: kind, layers: layers + [concat, up, sum])
    }
}
