import DiagramModel
import Foundation
import NetworkModel
import Rendering
import Testing

/// Rendering through Graphviz: the SVG is XML naming every layer and shape, the PNG
/// is a PNG of a sensible size, errors are clear.
struct RenderingTests {
    static func overviewDOT(_ configuration: NetworkConfiguration = NetworkConfiguration()) throws -> String {
        DOTWriter.dot(DiagramBuilder(source: DiagramSource(network: try Network.faceNet(configuration))).overview())
    }

    @Test func overviewSVGNamesEveryTopLevelLayerAndShape() throws {
        let svg = try #require(SVGText.parse(try Graphviz.render(dot: Self.overviewDOT(), format: .svg)), "the SVG is not XML")
        #expect(svg.rootName == "svg")
        let ledger = try Ledger.faceNet()
        for stage in ledger.network.stages {
            let output = stage.layers.last!.name
            let title = stage.title
            #expect(svg.mentions(title), "\(title) missing from the SVG")
            let shape = try #require(ledger[output]).output.description
            #expect(svg.mentions(shape), "\(title)'s output \(shape) missing from the SVG")
        }
        #expect(svg.mentions("loses row/col 159"))
        #expect(svg.mentions("Legend"))
    }

    @Test func pngHasASignatureAndASensibleSize() throws {
        let png = try Graphviz.render(dot: Self.overviewDOT(), format: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        func be32(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let width = be32(16)
        let height = be32(20)
        // A tall, narrow chain of 25 nodes at 96 dpi: about 1100 x 3000.
        #expect((500...3000).contains(width), "width \(width)")
        #expect((1500...8000).contains(height), "height \(height)")
        #expect(height > width)
    }

    @Test func pdfAndDotFormats() throws {
        let pdf = try Graphviz.render(dot: Self.overviewDOT(), format: .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        let dot = try Self.overviewDOT()
        #expect(try Graphviz.render(dot: dot, format: .dot) == Array(dot.utf8))
    }

    /// At 299 the stem gives 149x149x32 and Mixed_6a 17x17x1088 (TF-slim's end points).
    @Test func whatIfRenderShowsTheChangedShapes() throws {
        let svg = try #require(SVGText.parse(try Graphviz.render(dot: Self.overviewDOT(NetworkConfiguration(inputSize: 299)), format: .svg)))
        #expect(svg.mentions("149x149x32"))
        #expect(svg.mentions("17x17x1088"))
        #expect(!svg.mentions("79x79x32"))
    }

    @Test func breakingOverrideIsDrawnInRed() throws {
        let config = NetworkConfiguration(paddingOverrides: ["Mixed_6a/Branch_0/Conv2d_1a_3x3": .same])
        let svgBytes = try Graphviz.render(dot: Self.overviewDOT(config), format: .svg)
        let svg = try #require(SVGText.parse(svgBytes))
        #expect(svg.mentions("BREAKS"))
        #expect(!svg.mentions("Block17 x20"))
        #expect(String(decoding: svgBytes, as: UTF8.self).contains("stroke=\"#cc0000\""))
    }

    /// The fully expanded network (338 layers) must still lay out; measured about 0.7 s here.
    @Test func everythingExpandedLaysOutAsSVG() throws {
        let dot = DOTWriter.dot(DiagramBuilder(source: DiagramSource(network: try Network.faceNet())).diagram(expanding: .all))
        let start = ContinuousClock.now
        let svg = try #require(SVGText.parse(try Graphviz.render(dot: dot, format: .svg)))
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(60))
        #expect(svg.mentions("Block17_20"))
        #expect(svg.mentions("8x8x1088"))
    }

    @Test func badDOTIsASyntaxError() {
        do {
            _ = try Graphviz.render(dot: "digraph { a -> }", format: .svg)
            Issue.record("broken DOT rendered")
        } catch {
            guard case .syntax(let message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(message.contains("syntax error"))
        }
    }

    @Test func unwritablePathIsAOneLineError() {
        do {
            try OutputFile.write([1, 2, 3], to: "/nonexistent-folder/x.svg")
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.description == "cannot write '/nonexistent-folder/x.svg': cannot create: No such file or directory")
        }
    }

    @Test func formatFromExtension() {
        #expect(RenderFormat(pathExtensionOf: "Output/a.PNG") == .png)
        #expect(RenderFormat(pathExtensionOf: "a.dir/file") == nil)
        #expect(RenderFormat(pathExtensionOf: ".svg") == nil)
        #expect(RenderFormat(pathExtensionOf: "x.gif") == nil)
    }
}
