/// The Inception-ResNet-v2 variant FaceNet uses for face embeddings, declared as data.
///
/// Structure, filters, kernels, strides and paddings follow TF-slim's
/// `inception_resnet_v2` as FaceNet ships it; layer paths follow docs/commands.md.
extension Network {
    public static let variableRoot = "InceptionResnetV2"

    /// The FaceNet network for `configuration` (input 160 and bottleneck 1024 by default).
    ///
    /// TF-Slim's options change the declaration as `inception_resnet_v2_base` does:
    /// `align_feature_maps` makes the 13 VALID windows of the stem, Mixed_6a and Mixed_7a
    /// SAME; output stride 8 gives Mixed_6a's three stride-2 windows stride 1 (padding
    /// unchanged) and every Block17 convolution dilation rate 2, and the network ends at
    /// Block17_20 (TF-Slim's PreAuxLogits), beyond which TF-Slim does not support it.
    public static func faceNet(_ configuration: NetworkConfiguration = NetworkConfiguration()) throws -> Network {
        try configuration.validate()
        // TF-Slim's `padding` variable: VALID as declared, SAME with align_feature_maps.
        let reduction: Padding = configuration.alignFeatureMaps ? .same : .valid
        let atrous = configuration.outputStride == 8
        var stages: [Stage] = []
        var stem = LayerChain(previous: "inputs")
        stages.append(.layer(Layer(name: "inputs", op: .input(channels: 3), inputs: [], scope: variableRoot)))
        // 160 x 160 x 3
        stages.append(.layer(stem.conv("Conv2d_1a_3x3", 32, kernel: 3, stride: 2, padding: reduction)))  // 79 x 79 x 32
        stages.append(.layer(stem.conv("Conv2d_2a_3x3", 32, kernel: 3, padding: reduction)))  // 77 x 77 x 32
        stages.append(.layer(stem.conv("Conv2d_2b_3x3", 64, kernel: 3)))  // 77 x 77 x 64
        stages.append(.layer(stem.maxPool("MaxPool_3a_3x3", kernel: 3, stride: 2, padding: reduction)))  // 38 x 38 x 64
        stages.append(.layer(stem.conv("Conv2d_3b_1x1", 80, kernel: 1, padding: reduction)))  // 38 x 38 x 80
        stages.append(.layer(stem.conv("Conv2d_4a_3x3", 192, kernel: 3, padding: reduction)))  // 36 x 36 x 192
        stages.append(.layer(stem.maxPool("MaxPool_5a_3x3", kernel: 3, stride: 2, padding: reduction)))  // 17 x 17 x 192

        stages.append(.block(mixed5b(input: stem.previous)))  // 17 x 17 x 320
        let block35s = (1...10).map { block35(index: $0, input: $0 == 1 ? "Mixed_5b" : "Block35_\($0 - 1)") }
        stages.append(.repeated(kind: .block35, blocks: block35s))
        stages.append(.block(mixed6a(input: "Block35_10", padding: reduction, stride: atrous ? 1 : 2)))  // 8 x 8 x 1088
        let block17s = (1...20).map { block17(index: $0, input: $0 == 1 ? "Mixed_6a" : "Block17_\($0 - 1)", rate: atrous ? 2 : 1) }
        stages.append(.repeated(kind: .block17, blocks: block17s))
        stages.append(.block(mixed7a(input: "Block17_20", padding: reduction)))  // 3 x 3 x 2080
        let block8s = (1...9).map { block8(index: $0, input: $0 == 1 ? "Mixed_7a" : "Block8_\($0 - 1)", final: false) }
        stages.append(.repeated(kind: .block8, blocks: block8s))
        stages.append(.block(block8(index: 10, input: "Block8_9", final: true)))

        var head = LayerChain(previous: "Block8_10")
        stages.append(.layer(head.conv("Conv2d_7b_1x1", 1536, kernel: 1)))  // 3 x 3 x 1536
        stages.append(.layer(head.append("Logits/AvgPool_1a_8x8", .globalAveragePool)))  // 1 x 1 x 1536
        stages.append(.layer(head.append("Logits/Flatten", .flatten)))  // 1536
        stages.append(.layer(head.append("Logits/Dropout", .dropout(keep: 0.8))))
        let bottleneck = FullyConnected(units: configuration.bottleneck, batchNorm: true, bias: false, activation: .none)
        stages.append(.layer(head.append("Bottleneck", .fullyConnected(bottleneck))))  // bottleneck
        stages.append(.layer(head.append("Embedding", .l2Normalize)))
        return try Network(configuration: configuration, stages: stages)
    }

    // MARK: - Blocks

    static func mixed5b(input: String) -> Block {
        var block = BlockDeclaration(name: "Mixed_5b", kind: .mixed, scope: "\(variableRoot)/Mixed_5b", input: input)
        block.branch("Branch_0") { $0.conv("Conv2d_1x1", 96, kernel: 1) }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 48, kernel: 1)
            $0.conv("Conv2d_0b_5x5", 64, kernel: 5)
        }
        block.branch("Branch_2") {
            $0.conv("Conv2d_0a_1x1", 64, kernel: 1)
            $0.conv("Conv2d_0b_3x3", 96, kernel: 3)
            $0.conv("Conv2d_0c_3x3", 96, kernel: 3)
        }
        block.branch("Branch_3") {
            $0.averagePool("AvgPool_0a_3x3", kernel: 3, stride: 1, padding: .same)
            $0.conv("Conv2d_0b_1x1", 64, kernel: 1)
        }
        return block.concatenated()
    }

    /// 35x35 residual block (17x17 at 160): scale 0.17.
    static func block35(index: Int, input: String) -> Block {
        var block = BlockDeclaration(name: "Block35_\(index)", kind: .block35, scope: "\(variableRoot)/Repeat/block35_\(index)", input: input)
        block.branch("Branch_0") { $0.conv("Conv2d_1x1", 32, kernel: 1) }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 32, kernel: 1)
            $0.conv("Conv2d_0b_3x3", 32, kernel: 3)
        }
        block.branch("Branch_2") {
            $0.conv("Conv2d_0a_1x1", 32, kernel: 1)
            $0.conv("Conv2d_0b_3x3", 48, kernel: 3)
            $0.conv("Conv2d_0c_3x3", 64, kernel: 3)
        }
        return block.residual(width: 320, scale: 0.17, activation: .relu)
    }

    /// The reduction to 17x17 (8x8 at 160); `padding` and `stride` are TF-Slim's options (VALID, 2 as declared).
    static func mixed6a(input: String, padding: Padding, stride: Int) -> Block {
        var block = BlockDeclaration(name: "Mixed_6a", kind: .mixed, scope: "\(variableRoot)/Mixed_6a", input: input)
        block.branch("Branch_0") { $0.conv("Conv2d_1a_3x3", 384, kernel: 3, stride: stride, padding: padding) }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 256, kernel: 1)
            $0.conv("Conv2d_0b_3x3", 256, kernel: 3)
            $0.conv("Conv2d_1a_3x3", 384, kernel: 3, stride: stride, padding: padding)
        }
        block.branch("Branch_2") { $0.maxPool("MaxPool_1a_3x3", kernel: 3, stride: stride, padding: padding) }
        return block.concatenated()
    }

    /// 17x17 residual block (8x8 at 160): scale 0.10; `rate` dilates every convolution (output stride 8).
    static func block17(index: Int, input: String, rate: Int) -> Block {
        var block = BlockDeclaration(name: "Block17_\(index)", kind: .block17, scope: "\(variableRoot)/Repeat_1/block17_\(index)", input: input)
        block.branch("Branch_0") { $0.conv("Conv2d_1x1", 192, kernel: 1, rate: rate) }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 128, kernel: 1, rate: rate)
            $0.conv("Conv2d_0b_1x7", 160, kernel: Size2(1, 7), rate: rate)
            $0.conv("Conv2d_0c_7x1", 192, kernel: Size2(7, 1), rate: rate)
        }
        return block.residual(width: 1088, scale: 0.10, activation: .relu, rate: rate)
    }

    /// The reduction to 8x8 (3x3 at 160); `padding` is VALID as declared.
    static func mixed7a(input: String, padding: Padding) -> Block {
        var block = BlockDeclaration(name: "Mixed_7a", kind: .mixed, scope: "\(variableRoot)/Mixed_7a", input: input)
        block.branch("Branch_0") {
            $0.conv("Conv2d_0a_1x1", 256, kernel: 1)
            $0.conv("Conv2d_1a_3x3", 384, kernel: 3, stride: 2, padding: padding)
        }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 256, kernel: 1)
            $0.conv("Conv2d_1a_3x3", 288, kernel: 3, stride: 2, padding: padding)
        }
        block.branch("Branch_2") {
            $0.conv("Conv2d_0a_1x1", 256, kernel: 1)
            $0.conv("Conv2d_0b_3x3", 288, kernel: 3)
            $0.conv("Conv2d_1a_3x3", 320, kernel: 3, stride: 2, padding: padding)
        }
        block.branch("Branch_3") { $0.maxPool("MaxPool_1a_3x3", kernel: 3, stride: 2, padding: padding) }
        return block.concatenated()
    }

    /// 8x8 residual block (3x3 at 160): scale 0.20; the final one has scale 1.0 and no ReLU.
    static func block8(index: Int, input: String, final: Bool) -> Block {
        let scope = final ? "\(variableRoot)/Block8" : "\(variableRoot)/Repeat_2/block8_\(index)"
        var block = BlockDeclaration(name: "Block8_\(index)", kind: .block8, scope: scope, input: input)
        block.branch("Branch_0") { $0.conv("Conv2d_1x1", 192, kernel: 1) }
        block.branch("Branch_1") {
            $0.conv("Conv2d_0a_1x1", 192, kernel: 1)
            $0.conv("Conv2d_0b_1x3", 224, kernel: Size2(1, 3))
            $0.conv("Conv2d_0c_3x1", 256, kernel: Size2(3, 1))
        }
        return block.residual(width: 2080, scale: final ? 1.0 : 0.20, activation: final ? .none : .relu)
    }
}
