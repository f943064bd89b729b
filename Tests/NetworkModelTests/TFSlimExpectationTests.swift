import NetworkModel
import Testing

/// The backbone shapes TF-Slim's own unit test for `inception_resnet_v2` expects
/// (nets/inception_resnet_v2_test.py): the numbers are transcribed from it, batch dropped.
/// TF-Slim's `PreAuxLogits` is the output of the last Block17 (`Block17_20` here).
struct TFSlimExpectationTests {
    /// TF-Slim's end points up to PreAuxLogits, in our names.
    static let endpoints = [
        "Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_3a_3x3", "Conv2d_3b_1x1",
        "Conv2d_4a_3x3", "MaxPool_5a_3x3", "Mixed_5b", "Mixed_6a", "Block17_20",
    ]

    private func shapes(_ configuration: NetworkConfiguration) throws -> [String: [Int]] {
        let ledger = try Ledger.faceNet(configuration)
        return Dictionary(uniqueKeysWithValues: Self.endpoints.compactMap { name in ledger[name].map { (name, $0.output.dims) } })
    }

    /// testBuildAndCheckAllEndPointsUptoPreAuxLogits.
    @Test func endPointsAt299() throws {
        let expected: [String: [Int]] = [
            "Conv2d_1a_3x3": [149, 149, 32], "Conv2d_2a_3x3": [147, 147, 32], "Conv2d_2b_3x3": [147, 147, 64],
            "MaxPool_3a_3x3": [73, 73, 64], "Conv2d_3b_1x1": [73, 73, 80], "Conv2d_4a_3x3": [71, 71, 192],
            "MaxPool_5a_3x3": [35, 35, 192], "Mixed_5b": [35, 35, 320], "Mixed_6a": [17, 17, 1088], "Block17_20": [17, 17, 1088],
        ]
        #expect(try shapes(NetworkConfiguration(inputSize: 299)) == expected)
        #expect(try shapes(NetworkConfiguration(input: Size2(299, 299), finalEndpoint: "PreAuxLogits")) == expected)
    }

    /// testBuildAndCheckAllEndPointsUptoPreAuxLogitsWithAlignedFeatureMaps.
    @Test func alignedFeatureMapsAt299() throws {
        let expected: [String: [Int]] = [
            "Conv2d_1a_3x3": [150, 150, 32], "Conv2d_2a_3x3": [150, 150, 32], "Conv2d_2b_3x3": [150, 150, 64],
            "MaxPool_3a_3x3": [75, 75, 64], "Conv2d_3b_1x1": [75, 75, 80], "Conv2d_4a_3x3": [75, 75, 192],
            "MaxPool_5a_3x3": [38, 38, 192], "Mixed_5b": [38, 38, 320], "Mixed_6a": [19, 19, 1088], "Block17_20": [19, 19, 1088],
        ]
        let configuration = NetworkConfiguration(input: Size2(299, 299), alignFeatureMaps: true, finalEndpoint: "PreAuxLogits")
        #expect(try shapes(configuration) == expected)
        // Every declared window of the aligned network is SAME (the global pool has none).
        let ledger = try Ledger.faceNet(NetworkConfiguration(input: Size2(299, 299), alignFeatureMaps: true))
        #expect(ledger.network.layers.compactMap(\.op.window).allSatisfy { $0.padding == .same })
    }

    /// testBuildAndCheckAllEndPointsUptoPreAuxLogitsWithOutputStrideEight.
    @Test func outputStrideEightAt299() throws {
        let expected: [String: [Int]] = [
            "Conv2d_1a_3x3": [149, 149, 32], "Conv2d_2a_3x3": [147, 147, 32], "Conv2d_2b_3x3": [147, 147, 64],
            "MaxPool_3a_3x3": [73, 73, 64], "Conv2d_3b_1x1": [73, 73, 80], "Conv2d_4a_3x3": [71, 71, 192],
            "MaxPool_5a_3x3": [35, 35, 192], "Mixed_5b": [35, 35, 320], "Mixed_6a": [33, 33, 1088], "Block17_20": [33, 33, 1088],
        ]
        let configuration = NetworkConfiguration(input: Size2(299, 299), outputStride: 8)
        #expect(try shapes(configuration) == expected)
        // TF-Slim builds output stride 8 only up to PreAuxLogits: so does this network.
        let ledger = try Ledger.faceNet(configuration)
        #expect(ledger.entries.last?.name == "Block17_20")
        #expect(ledger["Block17_7/Branch_1/Conv2d_0b_1x7"]?.window?.dilation == Size2(2, 2))
        #expect(ledger["Mixed_6a/Branch_2/MaxPool_1a_3x3"]?.window?.stride == Size2(1, 1))
    }

    /// testBuildEndPoints / testBuildBaseNetwork: Conv2d_7b_1x1 is 8x8x1536 at 299.
    @Test func lastBackboneMapAt299() throws {
        #expect(try Ledger.faceNet(NetworkConfiguration(inputSize: 299))["Conv2d_7b_1x1"]?.output.dims == [8, 8, 1536])
    }

    /// testHalfSizeImages: 150x150 gives 3x3x1536.
    @Test func halfSizeImages() throws {
        #expect(try Ledger.faceNet(NetworkConfiguration(inputSize: 150))["Conv2d_7b_1x1"]?.output.dims == [3, 3, 1536])
    }

    /// testGlobalPool (330x400 in later versions of the test, 400x600 in earlier ones): the
    /// global pool takes whatever map is left, so the logits do not care.
    @Test func nonSquareInputs() throws {
        let wide = try Ledger.faceNet(NetworkConfiguration(input: Size2(330, 400)))
        #expect(wide["Conv2d_7b_1x1"]?.output.dims == [8, 11, 1536])
        #expect(wide["Logits/AvgPool_1a_8x8"]?.window?.kernel == Size2(8, 11))
        #expect(wide["Embedding"]?.output.dims == [1024])
        let wider = try Ledger.faceNet(NetworkConfiguration(input: Size2(400, 600)))
        #expect(wider["Conv2d_7b_1x1"]?.output.dims == [11, 17, 1536])
    }

    /// testBuildOnlyUptoFinalEndpoint: each end point ends the network, and the network
    /// holds exactly the end points up to it.
    @Test func finalEndpointStopsTheNetwork() throws {
        let tfSlim = [
            "Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_3a_3x3", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
            "MaxPool_5a_3x3", "Mixed_5b", "Mixed_6a", "PreAuxLogits", "Mixed_7a", "Conv2d_7b_1x1",
        ]
        let ours = tfSlim.map { $0 == "PreAuxLogits" ? "Block17_20" : $0 }
        for (index, endpoint) in tfSlim.enumerated() {
            let network = try Network.faceNet(NetworkConfiguration(input: Size2(299, 299), finalEndpoint: endpoint))
            #expect(network.layers.last?.name == ours[index])
            let present = ours.filter { network.layer(named: $0) != nil }
            #expect(present == Array(ours[...index]))
        }
    }
}
