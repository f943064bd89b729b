import NetworkModel
import TestSupport
import Testing

/// Dilated windows (TF-Slim's `rate`) against a tap-by-tap enumeration (`EnumeratedAxis`), and the what-ifs
/// that dilate, stride or stop the network.
struct DilatedWindowTests {
    @Test(arguments: Padding.allCases, 1...3)
    func dilatedAxisMatchesEnumeration(padding: Padding, stride: Int) {
        for length in 1...40 {
            for kernel in 1...7 {
                for rate in 1...4 {
                    let expected = EnumeratedAxis.enumerate(length: length, kernel: kernel, stride: stride, rate: rate, padding: padding)
                        .map { [$0.output, $0.before, $0.after] + $0.lost }
                    let axis = AxisWindow(inputLength: length, kernel: kernel, stride: stride, padding: padding, dilation: rate)
                    let found = axis.map { [$0.outputLength, $0.padBefore, $0.padAfter] + $0.lostIndices }
                    #expect(found == expected, "n=\(length) k=\(kernel) s=\(stride) r=\(rate) \(padding)")
                }
            }
        }
    }

    /// Hand-worked: a 1x7 window dilated by 2 spans 13 pixels; SAME on 33 pads 6 and 6.
    @Test func handWorkedDilation() throws {
        let axis = try #require(AxisWindow(inputLength: 33, kernel: 7, stride: 1, padding: .same, dilation: 2))
        #expect((axis.span, axis.outputLength, axis.padBefore, axis.padAfter) == (13, 33, 6, 6))
        // VALID: 17 - 13 + 1 = 5 outputs; a 3-tap window dilated by 3 on stride 1 reads every pixel.
        #expect(AxisWindow(inputLength: 17, kernel: 7, stride: 1, padding: .valid, dilation: 2)?.outputLength == 5)
        #expect(AxisWindow(inputLength: 12, kernel: 7, stride: 1, padding: .valid, dilation: 2) == nil)
        #expect(AxisWindow(inputLength: 10, kernel: 3, stride: 1, padding: .valid, dilation: 3)?.lostIndices == [])
        // Absurd sizes are refused, not overflowed.
        #expect(AxisWindow(inputLength: 10, kernel: Int.max / 2, stride: 1, padding: .same, dilation: 4) == nil)
    }

    @Test func dilationWhatIfReDerivesTheBlock() throws {
        let ledger = try Ledger.faceNet(NetworkConfiguration(input: Size2(160, 160), dilations: ["Block17_1/Branch_1/Conv2d_0b_1x7": 2]))
        let entry = try #require(ledger["Block17_1/Branch_1/Conv2d_0b_1x7"])
        #expect(entry.output.dims == [8, 8, 160])
        #expect(entry.pad == SidePadding(top: 0, bottom: 0, left: 6, right: 6))
        // Receptive field grows by the span (13) instead of the kernel (7).
        let plain = try #require(try Ledger.faceNet()["Block17_1/Branch_1/Conv2d_0b_1x7"])
        #expect(entry.receptiveField.width - plain.receptiveField.width == 6 * plain.jump.width)
        // VALID and dilated: 8 - 13 + 1 < 1, so the window no longer fits.
        #expect(throws: LedgerError.self) {
            try Ledger.faceNet(
                NetworkConfiguration(
                    input: Size2(160, 160), paddingOverrides: ["Block17_1/Branch_1/Conv2d_0b_1x7": .valid],
                    dilations: ["Block17_1/Branch_1/Conv2d_0b_1x7": 2]))
        }
    }

    @Test func refusedWhatIfsAreNamed() {
        func message(_ configuration: NetworkConfiguration) -> String {
            do {
                _ = try Network.faceNet(configuration)
                return ""
            } catch { return "\(error)" }
        }
        #expect(message(NetworkConfiguration(input: Size2(160, 160), dilations: ["Conv2d_1a_3x3": 2])).contains("stride 2"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), dilations: ["MaxPool_3a_3x3": 2])).contains("only convolutions"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), dilations: ["Conv2d_2b_3x3": 0])).contains("out of range"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), dilations: ["Conv2d_2b_3x3": 65])).contains("out of range"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), outputStride: 4)).contains("8 or 16"))
        #expect(
            message(NetworkConfiguration(input: Size2(160, 160), finalEndpoint: "Mixed_6a/Branch_0/Conv2d_1a_3x3")).contains("'Mixed_6a', the block it is in"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), outputStride: 8, finalEndpoint: "Mixed_7a")).contains("no further"))
        #expect(message(NetworkConfiguration(input: Size2(160, 160), finalEndpoint: "Mixed_6b")).contains("did you mean"))
        #expect(message(NetworkConfiguration(input: Size2(0, 160))).contains("input size 0x160 is outside 1...1024"))
        #expect(message(NetworkConfiguration(input: Size2(160, 3_000_000_000))).contains("input size 160x3000000000 is outside 1...1024"))
    }

    @Test func throughABlockInsideARepeatKeepsTheBlocksBeforeIt() throws {
        let network = try Network.faceNet(NetworkConfiguration(input: Size2(160, 160), finalEndpoint: "Block35_3"))
        #expect(network.layers.last?.name == "Block35_3")
        #expect(network.blocks.map(\.name) == ["Mixed_5b", "Block35_1", "Block35_2", "Block35_3"])
        #expect(network.layer(named: "Block35_4") == nil)
    }
}
