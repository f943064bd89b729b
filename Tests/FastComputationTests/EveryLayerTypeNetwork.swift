import NetworkModel

/// A small network with every op kind and every window case the fast backend handles:
/// 1x1 (direct GEMM), 3x3 SAME and VALID, stride 2 with odd and even maps (asymmetric
/// SAME padding), 1xn and nx1, 5x5, a 1x1 with stride 2, max and average pools (SAME
/// and VALID), concat, residual adds with and without ReLU, global pool, flatten,
/// dropout, a fully connected layer with batch norm, L2 normalisation.
enum EveryLayerTypeNetwork {
    static func ledger(size: Int, channels: Int, filters f: Int) throws -> Ledger {
        func conv(
            _ name: String, _ filters: Int, _ kh: Int, _ kw: Int, stride: Int = 1, _ padding: Padding = .same,
            bn: Bool = true, bias: Bool = false, activation: Activation = .relu, from input: String
        ) -> Stage {
            .layer(
                Layer(
                    name: name,
                    op: .convolution(
                        Convolution(
                            filters: filters, window: Window(kernel: Size2(kh, kw), stride: Size2(square: stride), padding: padding),
                            batchNorm: bn, bias: bias, activation: activation)), inputs: [input], scope: "Test/\(name)"))
        }
        func window(_ k: Int, _ s: Int, _ padding: Padding) -> Window { Window(kernel: Size2(square: k), stride: Size2(square: s), padding: padding) }
        let stages: [Stage] = [
            .layer(Layer(name: "input", op: .input(channels: channels), inputs: [], scope: "Test")),
            conv("a_3x3", f, 3, 3, from: "input"),
            conv("b_3x3_s2_valid", f + 3, 3, 3, stride: 2, .valid, from: "input"),
            conv("c_3x3_s2_same", f, 3, 3, stride: 2, .same, from: "a_3x3"),
            conv("d_1x7", f + 1, 1, 7, from: "a_3x3"),
            conv("e_7x1", f, 7, 1, from: "d_1x7"),
            conv("f_5x5", 17, 5, 5, from: "a_3x3"),
            conv("g_1x1", 2 * f + 1, 1, 1, from: "a_3x3"),
            conv("h_1x1_s2", f, 1, 1, stride: 2, from: "a_3x3"),
            .layer(Layer(name: "max_3x3_s2_valid", op: .maxPool(window(3, 2, .valid)), inputs: ["a_3x3"], scope: "Test/max1")),
            .layer(Layer(name: "max_3x3_s2_same", op: .maxPool(window(3, 2, .same)), inputs: ["a_3x3"], scope: "Test/max2")),
            .layer(Layer(name: "avg_3x3_same", op: .averagePool(window(3, 1, .same)), inputs: ["a_3x3"], scope: "Test/avg1")),
            .layer(Layer(name: "avg_2x2_s2_valid", op: .averagePool(window(2, 2, .valid)), inputs: ["a_3x3"], scope: "Test/avg2")),
            .layer(Layer(name: "concat", op: .concat, inputs: ["e_7x1", "f_5x5", "g_1x1", "avg_3x3_same"], scope: "Test/concat")),
            conv("up", f, 1, 1, bn: false, bias: true, activation: .none, from: "concat"),
            .layer(Layer(name: "residual_relu", op: .residual(scale: 0.17, activation: .relu), inputs: ["a_3x3", "up"], scope: "Test/r1")),
            .layer(Layer(name: "residual_linear", op: .residual(scale: 1.0, activation: .none), inputs: ["residual_relu", "up"], scope: "Test/r2")),
            .layer(Layer(name: "pool", op: .globalAveragePool, inputs: ["residual_linear"], scope: "Test/pool")),
            .layer(Layer(name: "flatten", op: .flatten, inputs: ["pool"], scope: "Test/flatten")),
            .layer(Layer(name: "dropout", op: .dropout(keep: 0.8), inputs: ["flatten"], scope: "Test/dropout")),
            .layer(
                Layer(
                    name: "bottleneck", op: .fullyConnected(FullyConnected(units: 2 * f + 3, batchNorm: true, bias: false, activation: .none)),
                    inputs: ["dropout"], scope: "Test/bottleneck")),
            .layer(Layer(name: "embedding", op: .l2Normalize, inputs: ["bottleneck"], scope: "Test/embedding")),
        ]
        return try Ledger(network: Network(configuration: NetworkConfiguration(inputSize: size, bottleneck: 2 * f + 3), stages: stages))
    }
}
