import DiagramModel
import NetworkModel
import Testing

/// What-if diagrams: other input sizes, padding overrides, and overrides that break the network.
struct WhatIfDiagramTests {
    /// At 299 (the paper's size): 299 -> 149 -> 147 -> 73 -> 71 -> 35 -> 17 -> 8, the TF-slim end points.
    @Test func inputSize299RedrawsTheShapes() throws {
        let network = try Network.faceNet(NetworkConfiguration(inputSize: 299))
        let diagram = DiagramBuilder(source: DiagramSource(network: network)).overview()
        func label(_ from: String) -> String? { diagram.edges.first { $0.from == from && $0.kind == .data }?.label }
        #expect(label("Conv2d_1a_3x3") == "149x149x32")
        #expect(label("MaxPool_3a_3x3") == "73x73x64")
        #expect(label("MaxPool_5a_3x3") == "35x35x192")
        #expect(label("Mixed_6a") == "17x17x1088")
        #expect(label("Mixed_7a") == "8x8x2080")
        #expect(diagram.node("Conv2d_1a_3x3")?.badge?.text == "loses nothing")  // (299-3) mod 2 = 0
        #expect(diagram.title.contains { $0.contains("input size 299") })
    }

    /// Branch_0 SAME makes 9x9 (ceil(17/2)) beside two 8x8 branches: the concat cannot join them.
    @Test func breakingOverrideMarksTheFailingNode() throws {
        let config = NetworkConfiguration(paddingOverrides: ["Mixed_6a/Branch_0/Conv2d_1a_3x3": .same])
        let source = DiagramSource(network: try Network.faceNet(config))
        #expect(source.failure?.layer == "Mixed_6a")
        let overview = DiagramBuilder(source: source).overview()
        let failing = overview.nodes.filter(\.isFailing)
        #expect(failing.map(\.id) == ["Mixed_6a"])
        #expect(failing.first?.badge?.kind == .failure)
        #expect(failing.first?.badge?.text.contains("9x9") == true)
        #expect(overview.node("Block17 x20") == nil)  // nothing after the failure
        #expect(overview.nodes.last?.id == "Mixed_6a")
        #expect(overview.title.contains { $0.hasPrefix("BREAKS at Mixed_6a") })
        #expect(overview.node("Mixed_6a")?.details.contains("what-if: Branch_0/Conv2d_1a_3x3 SAME") == true)

        let expanded = DiagramBuilder(source: source).diagram(expanding: .block("Mixed_6a"))
        #expect(expanded.nodes.filter(\.isFailing).map(\.id) == ["Mixed_6a"])
        #expect(expanded.node("Mixed_6a/Branch_0/Conv2d_1a_3x3")?.details.contains("out 9x9x384") == true)
        #expect(expanded.node("Mixed_6a/Branch_0/Conv2d_1a_3x3")?.badge?.text == "pads 1 top, 1 bottom, 1 left, 1 right; loses nothing")  // (9-1)*2 + 3 - 17 = 2
        #expect(expanded.clusters.first?.isFailing == true)
        #expect(expanded.node("Mixed_6a/Branch_0/Conv2d_1a_3x3")?.details.contains("what-if: padding SAME") == true)

        let later = DiagramBuilder(source: source).diagram(expanding: .kind(.block17))
        #expect(later.nodes.map(\.id) == ["unreached"])
    }

    /// 1x7 VALID on 8x8 gives 8x2 (width 8 - 7 + 1): Block17_4's concat cannot join it with 8x8.
    @Test func breakingInsideARunOfBlocks() throws {
        let config = NetworkConfiguration(paddingOverrides: ["Block17_4/Branch_1/Conv2d_0b_1x7": .valid])
        let source = DiagramSource(network: try Network.faceNet(config))
        #expect(source.failure?.layer == "Block17_4/concat")
        let overview = DiagramBuilder(source: source).overview()
        #expect(overview.nodes.filter(\.isFailing).map(\.id) == ["Block17 x20"])
        let add = try #require(overview.node("Block17 x20/add"))
        #expect(add.title == "add: Block17_1 .. Block17_3")
        #expect(add.details.contains("Block17_4 breaks: not reached beyond"))
        #expect(overview.node("Mixed_7a") == nil)
        let expanded = DiagramBuilder(source: source).diagram(expanding: .block("Block17_4"))
        #expect(expanded.node("Block17_4/Branch_1/Conv2d_0b_1x7")?.details.contains("out 8x2x160") == true)
        #expect(expanded.node("Block17_4/concat")?.isFailing == true)
        #expect(expanded.node("Block17_4/Conv2d_1x1") == nil)
    }

    @Test func tooSmallAnInputBreaksInTheStem() throws {
        let source = DiagramSource(network: try Network.faceNet(NetworkConfiguration(inputSize: 20)))
        let failing = try #require(source.failure).layer
        let overview = DiagramBuilder(source: source).overview()
        #expect(overview.nodes.last?.id == failing)
        #expect(overview.nodes.last?.isFailing == true)
    }
}

/// The branch whose size disagrees is drawn in red into the failing concat (issue 19).
@Suite struct OddBranchEdgeTests {
    @Test func theNineByNineBranchIsHighlighted() throws {
        let network = try Network.faceNet(NetworkConfiguration(paddingOverrides: ["Mixed_6a/Branch_0/Conv2d_1a_3x3": .same]))
        let diagram = DiagramBuilder(source: DiagramSource(network: network), shading: .opKind).diagram(expanding: .block("Mixed_6a"))
        let dot = DOTWriter.dot(diagram)
        let red = dot.split(separator: "\n").filter { $0.contains("-> \"Mixed_6a\"") && $0.contains("penwidth=3") }
        #expect(red.count == 1)
        #expect(red.first?.contains("9x9x384") == true)
    }
}

/// A strided layer overridden to SAME pads: its badge takes the legend's padding colour (issue 19).
@Suite struct OverriddenSameBadgeTests {
    @Test func stridedSameThatPadsUsesThePaddingBadge() throws {
        let network = try Network.faceNet(NetworkConfiguration(paddingOverrides: ["Conv2d_1a_3x3": .same]))
        let diagram = DiagramBuilder(source: DiagramSource(network: network), shading: .opKind).diagram(expanding: nil)
        let node = try #require(diagram.nodes.first { $0.id == "Conv2d_1a_3x3" })
        #expect(node.badge?.kind == .padding)
        #expect(node.badge?.text.hasPrefix("pads ") == true)
    }
}
