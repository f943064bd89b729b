import DiagramModel
import NetworkModel
import Rendering

/// `render`: the architecture diagram of the network in force, through the Rendering module.
extension ExplorerSession {
    public func render(expand: String?, force: Bool, png: Bool = false) throws {
        let format: RenderFormat = png ? .png : .svg
        let selection: ExpandSelection?
        do {
            selection = try expand.map { name throws(DiagramError) in try ExpandSelection.parse(name, in: network) }
        } catch {
            throw CommandFailure("render", error)
        }
        let path = "\(settings.outputDirectory)/\(selection?.slug ?? "overview").\(format.rawValue)"
        if !force && Rendering.OutputFile.exists(path) {
            throw CommandError("render: '\(path)' exists: 'render \(expand.map { "\($0) " } ?? "")\(png ? "--png " : "")--force' replaces it")
        }
        let total = records.reduce(0) { $0 + $1.seconds }
        var shares: [String: Double] = [:]
        if total > 0 { for record in records { shares[record.entry.name, default: 0] += record.seconds / total } }
        let source = DiagramSource(network: network)
        let diagram = DiagramBuilder(source: source, shading: shares.isEmpty ? .opKind : .timeShare(shares)).diagram(expanding: selection)
        do {
            let bytes = try Graphviz.render(dot: DOTWriter.dot(diagram), format: format)
            try Rendering.OutputFile.createParentFolder(of: path)
            try Rendering.OutputFile.write(bytes, to: path)
        } catch {
            throw CommandFailure("render", error)
        }
        var summary = "wrote \(path) (\(diagram.nodes.count) nodes, \(diagram.edges.count) edges"
        summary += shares.isEmpty ? ", coloured by op kind)" : ", shaded by the time of the \(NumberFormat.count(records.count, "op")) run)"
        if let failure { summary += "; the network breaks at \(failure.layer)" }
        out.line(summary)
    }
}
