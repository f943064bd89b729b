import DiagramModel
import NetworkModel
import Testing

struct ShadingAndDOTTests {
    let source = DiagramSource(network: try! Network.faceNet())

    @Test func timeSharesAddUpOverFoldedBlocks() throws {
        var shares: [String: Double] = [:]
        for index in 1...10 { shares["Block35_\(index)/Branch_0/Conv2d_1x1"] = 0.02 }
        shares["Conv2d_1a_3x3"] = 0.05
        let diagram = DiagramBuilder(source: source, shading: .timeShare(shares)).overview()
        let body = try #require(diagram.node("Block35 x10"))
        #expect(body.details.last == "time 20.0%")
        #expect(body.fill == "#f69650")  // the largest share: darkest
        #expect(diagram.node("Conv2d_1a_3x3")?.details.last == "time 5.00%")
        #expect(diagram.node("Mixed_5b")?.details.last == "time: not measured")
    }

    @Test func verificationFailsANodeWhenAnyLayerFails() throws {
        let results = ["Mixed_5b": true, "Mixed_5b/Branch_0/Conv2d_1x1": true, "Mixed_6a": false, "Conv2d_1a_3x3": true]
        let diagram = DiagramBuilder(source: source, shading: .verification(results)).overview()
        #expect(diagram.node("Mixed_5b")?.details.last == "verify: 2/2 pass")
        #expect(diagram.node("Mixed_6a")?.details.last == "verify: 1/1 FAIL (first Mixed_6a)")
        #expect(diagram.node("Mixed_6a")?.fill != diagram.node("Mixed_5b")?.fill)
        #expect(diagram.node("Bottleneck")?.details.last == "verify: not checked")
    }

    @Test func dotIsDeterministicAndComplete() {
        let builder = DiagramBuilder(source: source)
        let first = DOTWriter.dot(builder.diagram(expanding: .all))
        let second = DOTWriter.dot(builder.diagram(expanding: .all))
        #expect(first == second)
        #expect(first.hasPrefix("digraph \"all\" {"))
        #expect(first.contains("subgraph \"cluster_Block17_4\""))
        #expect(first.contains("subgraph \"cluster_Block17_4/Branch_1\""))
        #expect(first.contains("\"Block17_3\" -> \"Block17_4\" [label=\" x = 8x8x1088 \", style=dashed"))
        let edgeLines = first.split(separator: "\n").filter { $0.contains("\" -> \"") }
        #expect(edgeLines.count == 435)
    }

    @Test func textIsEscaped() {
        var diagram = Diagram(name: "a\"b", title: ["x < y & z"])
        diagram.nodes = [DiagramNode(id: "n\\1", title: "<b>", style: .convolution)]
        let dot = DOTWriter.dot(diagram)
        #expect(dot.contains("digraph \"a\\\"b\""))
        #expect(dot.contains("x &lt; y &amp; z"))
        #expect(dot.contains("\"n\\\\1\" ["))
        #expect(dot.contains("&lt;b&gt;"))
    }
}
