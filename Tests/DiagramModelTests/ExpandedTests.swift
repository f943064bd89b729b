import DiagramModel
import NetworkModel
import Testing

/// Expanded views: branches as clusters, concats as slice tables, residual adds.
struct ExpandedTests {
    let network = try! Network.faceNet()
    var builder: DiagramBuilder { DiagramBuilder(source: DiagramSource(network: network)) }

    @Test func mixed6aHasThreeBranchesAndItsSlices() throws {
        let diagram = builder.diagram(expanding: .block("Mixed_6a"))
        // 6 layers (4 in branches, the concat) ... counted: Branch_0 1, Branch_1 3, Branch_2 1, concat 1; plus the input stub.
        #expect(diagram.nodes.count == 7)
        #expect(diagram.edges.count == 8)  // 3 from the input, 2 inside Branch_1, 3 into the concat
        let block = try #require(diagram.clusters.first)
        #expect(block.children.map(\.label) == ["Branch_0", "Branch_1", "Branch_2"])
        let concat = try #require(diagram.node("Mixed_6a"))
        #expect(concat.table?.dropFirst().map { $0[2] } == ["0-383", "384-767", "768-1087"])
        #expect(concat.tableFooter == "384 + 384 + 320 = 1088")
        let conv = try #require(diagram.node("Mixed_6a/Branch_0/Conv2d_1a_3x3"))
        #expect(conv.details.contains("conv 3x3, stride 2, VALID"))
        #expect(conv.details.contains("out 8x8x384"))
        #expect(diagram.node("Mixed_6a/Branch_1/Conv2d_0b_3x3")?.badge?.text == "pads 1 top, 1 bottom, 1 left, 1 right")
    }

    @Test func kindDrawsTheFirstInstanceAndSaysSo() throws {
        let diagram = builder.diagram(expanding: .kind(.block17))
        #expect(diagram.node("Block17_1") != nil)
        #expect(diagram.node("Block17_2") == nil)
        let label = try #require(diagram.clusters.first?.label)
        #expect(label.contains("showing Block17_1"))
        #expect(diagram.node("Block17_1/Branch_1/Conv2d_0b_1x7")?.badge?.text == "pads 3 left, 3 right")
        #expect(diagram.node("Block17_1/Branch_1/Conv2d_0c_7x1")?.badge?.text == "pads 3 top, 3 bottom")
        let add = try #require(diagram.node("Block17_1"))
        #expect(add.details.first == "x + 0.1 * up, then ReLU")
        let shortcut = try #require(diagram.edges.first { $0.kind == .identity })
        #expect(shortcut.from == "Mixed_6a" && shortcut.to == "Block17_1")
        let block8 = builder.diagram(expanding: .kind(.block8))
        #expect(block8.clusters.first?.label.contains("Block8_10 has scale 1.0, no ReLU") == true)
        #expect(builder.diagram(expanding: .block("Block8_10")).node("Block8_10")?.details.first == "x + 1.0 * up, no activation")
    }

    /// One node per layer: 1 input + 7 stem + 9 (Mixed_5b) + 10 x 9 (Block35) + 6 (Mixed_6a)
    /// + 20 x 7 (Block17) + 9 (Mixed_7a) + 10 x 7 (Block8) + 6 head = 338.
    /// One edge per layer input: 337 single-input layers, plus (branches - 1) per concat
    /// (3 + 10x2 + 2 + 20x1 + 3 + 10x1 = 58), plus 1 per residual add (40) = 435.
    @Test func everythingExpandedHasOneNodePerLayer() {
        let diagram = builder.diagram(expanding: .all)
        #expect(diagram.nodes.count == 338)
        #expect(diagram.edges.count == 435)
        #expect(Set(diagram.nodes.map(\.id)) == Set(network.layers.map(\.name)))
        #expect(diagram.clusters.count == 3 + 10 + 20 + 10)
    }

    /// Every concat's incoming edges are exactly its declared inputs, and its table
    /// lists them with slices that tile the output channels.
    @Test func everyConcatReadsItsBranches() throws {
        let diagram = builder.diagram(expanding: .all)
        let concats = network.layers.filter { if case .concat = $0.op { true } else { false } }
        #expect(concats.count == 43)
        for layer in concats {
            #expect(diagram.edges(into: layer.name).map(\.from) == layer.inputs)
            let node = try #require(diagram.node(layer.name))
            let rows = try #require(node.table).dropFirst()
            #expect(rows.count == layer.inputs.count)
            let widths = rows.map { Int($0[3])! }
            #expect(node.tableFooter?.hasSuffix("= \(widths.reduce(0, +))") == true)
        }
        #expect(diagram.node("Mixed_5b")?.tableFooter == "96 + 64 + 96 + 64 = 320")
        #expect(diagram.node("Mixed_7a")?.tableFooter == "384 + 288 + 320 + 1088 = 2080")
        #expect(diagram.node("Block35_4/concat")?.tableFooter == "32 + 32 + 64 = 128")
    }

    @Test func selectionParsing() throws {
        #expect(try ExpandSelection.parse("all", in: network) == .all)
        #expect(try ExpandSelection.parse("Block17", in: network) == .kind(.block17))
        #expect(try ExpandSelection.parse("Block17_4", in: network) == .block("Block17_4"))
        #expect(throws: DiagramError.notABlock("Mixed_6a/Branch_0/Conv2d_1a_3x3", containingBlock: "Mixed_6a")) {
            try ExpandSelection.parse("Mixed_6a/Branch_0/Conv2d_1a_3x3", in: network)
        }
        #expect(throws: DiagramError.notABlock("Conv2d_1a_3x3", containingBlock: nil)) { try ExpandSelection.parse("Conv2d_1a_3x3", in: network) }
        do {
            _ = try ExpandSelection.parse("Blok17_4", in: network)
            Issue.record("a misspelt block was accepted")
        } catch {
            #expect(error.description.contains("'Block17_4'"))
        }
    }
}
