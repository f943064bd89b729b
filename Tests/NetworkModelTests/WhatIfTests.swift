import NetworkModel
import Testing

/// What-if configurations re-derive every shape; breaking ones name the first failing layer.
struct WhatIfTests {
    @Test func paperSizeGives35And17And8Maps() throws {
        let ledger = try Ledger.faceNet(NetworkConfiguration(inputSize: 299))
        #expect(ledger["Mixed_5b"]!.output == Shape(height: 35, width: 35, channels: 320))
        #expect(ledger["Mixed_6a"]!.output == Shape(height: 17, width: 17, channels: 1088))
        #expect(ledger["Mixed_7a"]!.output == Shape(height: 8, width: 8, channels: 2080))
        #expect(ledger["Logits/AvgPool_1a_8x8"]!.window?.kernel == Size2(8, 8))
        // Published: about 13.2 G multiply-adds at 299.
        #expect(abs(Double(ledger.macs) / 1e9 - 13.2) < 0.1)
        #expect(ledger.backboneParameterCount == 54_336_736)
    }

    @Test func bottleneckWidthIsAParameter() throws {
        let ledger = try Ledger.faceNet(NetworkConfiguration(bottleneck: 128))
        #expect(ledger["Embedding"]!.output == Shape([128]))
        #expect(ledger["Bottleneck"]!.parameterCount == 1536 * 128 + 3 * 128)
    }

    @Test func overridingAConcatBranchBreaksTheConcat() throws {
        let config = NetworkConfiguration(paddingOverrides: ["Mixed_6a/Branch_0/Conv2d_1a_3x3": .same])
        do {
            _ = try Ledger.faceNet(config)
            Issue.record("expected the concat to fail")
        } catch let error as LedgerError {
            #expect(error.layer == "Mixed_6a")
            #expect(
                error.inputShapes == [
                    Shape(height: 9, width: 9, channels: 384), Shape(height: 8, width: 8, channels: 384), Shape(height: 8, width: 8, channels: 320),
                ])
            #expect(error.description.contains("Branch_0 9x9x384, Branch_1 8x8x384, Branch_2 8x8x320"))
            #expect(error.partial.last?.name == "Mixed_6a/Branch_2/MaxPool_1a_3x3")
        }
    }

    /// 74 -> 36 -> 34 -> 34 -> 16 -> 16 -> 14 -> 6 -> 2 at Mixed_7a, where a 3x3 VALID window
    /// no longer fits; 75 still gives a 1x1 map there. Below 75 pixels the stem's VALID windows run out of map: the first layer to fail is named.
    @Test func tooSmallAnInputStopsAtTheFirstWindowThatDoesNotFit() throws {
        #expect(throws: Never.self) { try Ledger.faceNet(NetworkConfiguration(inputSize: 75)) }
        do {
            _ = try Ledger.faceNet(NetworkConfiguration(inputSize: 74))
            Issue.record("expected 74 to break")
        } catch let error as LedgerError {
            #expect(error.layer == "Mixed_7a/Branch_0/Conv2d_1a_3x3")
            #expect(
                error.description == "layer 'Mixed_7a/Branch_0/Conv2d_1a_3x3' breaks the network: a 3x3 VALID window does not fit the 2x2 map (input 2x2x256)")
        }
    }

    @Test func badConfigurationsAreNamed() {
        #expect(throws: NetworkError.self) { try Network.faceNet(NetworkConfiguration(inputSize: 0)) }
        #expect(throws: NetworkError.unknownLayer("Conv2d_1a_3x4", suggestions: ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_4a_3x3"])) {
            try Network.faceNet(NetworkConfiguration(paddingOverrides: ["Conv2d_1a_3x4": .same]))
        }
        #expect(throws: NetworkError.notWindowed("Mixed_6a", op: "concat")) {
            try Network.faceNet(NetworkConfiguration(paddingOverrides: ["Mixed_6a": .same]))
        }
    }
}
