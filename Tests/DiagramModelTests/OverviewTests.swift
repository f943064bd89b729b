import DiagramModel
import NetworkModel
import Testing

/// The overview built from the declaration, against counts worked out by hand.
struct OverviewTests {
    let diagram = DiagramBuilder(source: DiagramSource(network: try! Network.faceNet())).overview()

    /// Nodes: inputs + 7 stem layers = 8; Mixed_5b, Mixed_6a, Mixed_7a = 3;
    /// four residual runs (Block35 x10, Block17 x20, Block8 x9, Block8_10) x (body + add) = 8;
    /// head (Conv2d_7b_1x1, AvgPool, Flatten, Dropout, Bottleneck, Embedding) = 6. Total 25.
    /// Edges: 21 stages in a chain = 20; each residual run adds a body->add edge and a
    /// shortcut (8); the three runs of several add a loop back (3). Total 31.
    @Test func countsFollowTheDeclaration() {
        #expect(diagram.nodes.count == 25)
        #expect(diagram.edges.count == 31)
        #expect(diagram.edges.filter { $0.kind == .identity }.count == 4)
        #expect(diagram.edges.filter { $0.kind == .repeats }.count == 3)
        #expect(diagram.clusters.count == 4)
    }

    @Test func everyTopLevelLayerIsPresent() {
        let single = [
            "inputs", "Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_3a_3x3", "Conv2d_3b_1x1",
            "Conv2d_4a_3x3", "MaxPool_5a_3x3", "Mixed_5b", "Mixed_6a", "Mixed_7a", "Block8_10",
            "Conv2d_7b_1x1", "Logits/AvgPool_1a_8x8", "Logits/Flatten", "Logits/Dropout", "Bottleneck", "Embedding",
        ]
        for name in single { #expect(diagram.node(name) != nil, "\(name) missing") }
        let text = diagram.nodes.flatMap(\.text)
        #expect(diagram.node("Block35 x10")?.title == "Block35 x10 (scale 0.17, ReLU)")
        #expect(diagram.node("Block17 x20")?.title == "Block17 x20 (scale 0.1, ReLU)")
        #expect(text.contains("Block35_1 .. Block35_10"))
        #expect(text.contains("Block17_1 .. Block17_20"))
        #expect(text.contains("Block8_1 .. Block8_9"))
        #expect(diagram.node("Block8_10/body")?.title == "Block8_10 (final: scale 1.0, no ReLU)")
    }

    /// Every edge carries the shape of the tensor leaving its source (hand-checked at 160).
    @Test func edgesAreLabelledWithShapes() {
        func label(_ from: String, _ to: String) -> String? { diagram.edges.first { $0.from == from && $0.to == to }?.label }
        #expect(label("inputs", "Conv2d_1a_3x3") == "160x160x3")
        #expect(label("Conv2d_1a_3x3", "Conv2d_2a_3x3") == "79x79x32")
        #expect(label("MaxPool_3a_3x3", "Conv2d_3b_1x1") == "38x38x64")
        #expect(label("MaxPool_5a_3x3", "Mixed_5b") == "17x17x192")
        #expect(label("Mixed_5b", "Block35 x10") == "17x17x320")
        #expect(label("Mixed_5b", "Block35 x10/add") == "x = 17x17x320")
        #expect(label("Block35 x10/add", "Mixed_6a") == "17x17x320")
        #expect(label("Mixed_6a", "Block17 x20") == "8x8x1088")
        #expect(label("Mixed_7a", "Block8 x9") == "3x3x2080")
        #expect(label("Block8_10", "Conv2d_7b_1x1") == "3x3x2080")
        #expect(label("Logits/Flatten", "Logits/Dropout") == "1536")
        #expect(label("Bottleneck", "Embedding") == "1024")
        for edge in diagram.edges { #expect(edge.label.contains { $0.isNumber }, "\(edge.from) -> \(edge.to) has no shape") }
    }

    /// Pixels lost by VALID/strided windows: (in - k) mod s rows at the bottom (docs/source-table.md, known error 2).
    @Test func badgesNameLostPixelsAndPadding() {
        #expect(diagram.node("Conv2d_1a_3x3")?.badge?.text == "loses row/col 159")  // (160-3) mod 2 = 1
        #expect(diagram.node("MaxPool_3a_3x3")?.badge?.text == "loses nothing")  // (77-3) mod 2 = 0
        #expect(diagram.node("MaxPool_5a_3x3")?.badge?.text == "loses row/col 35")  // (36-3) mod 2 = 1
        #expect(diagram.node("Conv2d_2b_3x3")?.badge?.text == "pads 1 top, 1 bottom, 1 left, 1 right")
        #expect(diagram.node("Conv2d_7b_1x1")?.badge?.text == "no padding")
        #expect(diagram.node("Mixed_6a")?.badge?.text == "strided windows: loses nothing")  // (17-3) mod 2 = 0
        #expect(diagram.node("Mixed_7a")?.badge?.text == "strided windows: loses row/col 7")  // (8-3) mod 2 = 1
        #expect(diagram.node("Mixed_6a")?.details.first == "3 branches: 384 + 384 + 320 = 1088")
    }

    @Test func legendListsTheColoursUsed() throws {
        let legend = try #require(diagram.legend)
        let styles = Set(diagram.nodes.map(\.style))
        #expect(legend.swatches.count == styles.count)
        #expect(legend.notes.contains { $0.contains("dashed") })
        #expect(legend.notes.contains { $0.contains("dotted") })
    }
}
