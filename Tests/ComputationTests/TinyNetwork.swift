import NetworkModel

/// A small network with every op kind the interpreter meets, for fast interpreter tests:
/// input 7x7x2 -> conv 3x3 s2 SAME (4x4x3) -> residual block (1x1 conv and 3x3 max pool
/// branches, concat, up projection with bias, relu(x + 0.5 up)) -> global pool -> flatten
/// -> dropout -> bottleneck (fc + batch norm) -> L2 normalise.
enum TinyNetwork {
    static func ledger(inputSize: Int = 7) throws -> Ledger {
        func conv(_ filters: Int, _ kernel: Int, stride: Int = 1, bn: Bool = true, bias: Bool = false, activation: Activation = .relu) -> Op {
            .convolution(
                Convolution(
                    filters: filters, window: Window(kernel: Size2(square: kernel), stride: Size2(square: stride), padding: .same),
                    batchNorm: bn, bias: bias, activation: activation
                ))
        }
        let block = Block(
            name: "Block", kind: .block35,
            layers: [
                Layer(
                    name: "Block/Branch_0/Conv2d_1x1", op: conv(2, 1), inputs: ["Conv"], scope: "Tiny/Block/Branch_0/Conv2d_1x1", block: "Block",
                    branch: "Branch_0"),
                Layer(
                    name: "Block/Branch_1/MaxPool", op: .maxPool(Window(kernel: Size2(square: 3), stride: Size2(square: 1), padding: .same)),
                    inputs: ["Conv"], scope: "Tiny/Block/Branch_1/MaxPool", block: "Block", branch: "Branch_1"),
                Layer(
                    name: "Block/concat", op: .concat, inputs: ["Block/Branch_0/Conv2d_1x1", "Block/Branch_1/MaxPool"], scope: "Tiny/Block/concat",
                    block: "Block"),
                Layer(
                    name: "Block/Conv2d_1x1", op: conv(3, 1, bn: false, bias: true, activation: .none), inputs: ["Block/concat"],
                    scope: "Tiny/Block/Conv2d_1x1", block: "Block"),
                Layer(name: "Block", op: .residual(scale: 0.5, activation: .relu), inputs: ["Conv", "Block/Conv2d_1x1"], scope: "Tiny/Block", block: "Block"),
            ])
        let stages: [Stage] = [
            .layer(Layer(name: "inputs", op: .input(channels: 2), inputs: [], scope: "Tiny")),
            .layer(Layer(name: "Conv", op: conv(3, 3, stride: 2), inputs: ["inputs"], scope: "Tiny/Conv")),
            .block(block),
            .layer(Layer(name: "Pool", op: .globalAveragePool, inputs: ["Block"], scope: "Tiny/Pool")),
            .layer(Layer(name: "Flatten", op: .flatten, inputs: ["Pool"], scope: "Tiny/Flatten")),
            .layer(Layer(name: "Dropout", op: .dropout(keep: 0.8), inputs: ["Flatten"], scope: "Tiny/Dropout")),
            .layer(
                Layer(
                    name: "Bottleneck", op: .fullyConnected(FullyConnected(units: 4, batchNorm: true, bias: false, activation: .none)),
                    inputs: ["Dropout"], scope: "Tiny/Bottleneck")),
            .layer(Layer(name: "Embedding", op: .l2Normalize, inputs: ["Bottleneck"], scope: "Tiny/Embedding")),
        ]
        return try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: inputSize, bottleneck: 4), stages: stages))
    }
}
