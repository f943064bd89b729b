/// Writes a `Diagram` as Graphviz DOT text, with HTML-like labels.
///
/// Deterministic: nodes, clusters and edges come out in the diagram's order.
public enum DOTWriter {
    static let font = "Helvetica"
    static let failureColor = "#cc0000"

    public static func dot(_ diagram: Diagram) -> String {
        var out: [String] = []
        out.append("digraph \(quote(diagram.name)) {")
        // <BR ALIGN="LEFT"/> ends a left-aligned line; plain <BR/> lines are centred.
        let title =
            diagram.title.enumerated().map { index, line in
                index == 0 ? "<B>\(html(line))</B>" : (line.hasPrefix("BREAKS") ? "<FONT COLOR=\"\(failureColor)\">\(html(line))</FONT>" : html(line))
            }.joined(separator: "<BR ALIGN=\"LEFT\"/>") + "<BR ALIGN=\"LEFT\"/>"
        var label = title
        if let legend = diagram.legend, diagram.legendPlacement == .besideTitle {
            // Side by side: a cell under the title would stretch the legend to the title's width.
            label =
                "<TABLE BORDER=\"0\" CELLSPACING=\"8\"><TR><TD ALIGN=\"LEFT\" VALIGN=\"TOP\" BALIGN=\"LEFT\">\(title)</TD><TD VALIGN=\"TOP\">\(legendTable(legend))</TD></TR></TABLE>"
        }
        out.append("  graph [rankdir=\(diagram.direction), fontname=\(quote(font)), fontsize=14, labelloc=t, labeljust=l, label=<\(label)>,")
        out.append("         nodesep=0.25, ranksep=0.3, newrank=true, compound=true, outputorder=edgesfirst, bgcolor=\"white\", pad=0.2];")
        out.append("  node [shape=box, style=\"rounded,filled\", fontname=\(quote(font)), fontsize=11, margin=\"0.10,0.04\", color=\"#666666\", penwidth=1];")
        out.append("  edge [fontname=\(quote(font)), fontsize=9, color=\"#555555\", fontcolor=\"#333333\", arrowsize=0.6];")

        let nodesByID = Dictionary(uniqueKeysWithValues: diagram.nodes.map { ($0.id, $0) })
        let clustered = Set(diagram.allClusters.flatMap(\.nodeIDs))
        for cluster in diagram.clusters { write(cluster, nodes: nodesByID, depth: 1, into: &out) }
        for node in diagram.nodes where !clustered.contains(node.id) { out.append("  " + statement(node)) }
        if let legend = diagram.legend, diagram.legendPlacement == .besideLastNode {
            out.append("  \"legend\" [shape=plain, label=<\(legendTable(legend))>];")
            // Beside the last node: on the first rank its height would stretch the first edges.
            if let last = diagram.nodes.last { out.append("  { rank=same; \(quote(last.id)); \"legend\"; }") }
        }
        let odd = oddEdges(diagram)
        for (index, edge) in diagram.edges.enumerated() { out.append("  " + statement(edge, failing: odd.contains(index))) }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Statements

    static func write(_ cluster: DiagramCluster, nodes: [String: DiagramNode], depth: Int, into out: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        let color = cluster.isFailing ? failureColor : (cluster.kind == .branch ? "#aaaaaa" : "#777777")
        let fill = cluster.kind == .branch ? "#fbfbfb" : (cluster.kind == .repeated ? "#f4f0fa" : "#f7f7f7")
        let lines = cluster.label.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let align = cluster.labelLocation == .topRight ? "RIGHT" : "LEFT"
        let label =
            cluster.label.isEmpty
            ? ""
            : lines.enumerated().map { $0.offset == 0 ? "<B>\(html($0.element))</B>" : "<FONT POINT-SIZE=\"10\">\(html($0.element))</FONT>" }.joined(
                separator: "<BR ALIGN=\"\(align)\"/>") + "<BR ALIGN=\"\(align)\"/>"
        // Block titles go at the bottom: edges enter a block from the top and would cross them.
        let location = cluster.kind == .branch || cluster.labelLocation == .topRight ? "t" : "b"
        let justify = cluster.labelLocation == .topRight ? "r" : "l"
        out.append(pad + "subgraph \(quote("cluster_" + cluster.id)) {")
        out.append(
            pad
                + "  graph [label=<\(label)>, style=\"rounded,filled\", color=\(quote(color)), fillcolor=\(quote(fill)), fontsize=\(cluster.kind == .branch ? 10 : 12), labeljust=\(justify), labelloc=\(location), penwidth=\(cluster.isFailing ? 2 : 1)];"
        )
        for id in cluster.nodeIDs { if let node = nodes[id] { out.append(pad + "  " + statement(node)) } }
        for child in cluster.children { write(child, nodes: nodes, depth: depth + 1, into: &out) }
        out.append(pad + "}")
    }

    static func statement(_ node: DiagramNode) -> String {
        let fill = node.fill ?? node.style.fill
        var attributes: [String] = []
        if let table = node.table {
            attributes.append("shape=plain")
            attributes.append("label=<\(tableLabel(node, rows: table, fill: fill))>")
        } else {
            attributes.append("label=<\(textLabel(node))>")
            attributes.append("fillcolor=\(quote(fill))")
            if node.style.shape != "box" { attributes.append("shape=\(node.style.shape)") }
            if node.style == .stub { attributes.append("style=\"rounded,dashed,filled\"") }
            if node.style == .residualAdd { attributes.append("style=\"filled\"") }
        }
        if node.isFailing { attributes.append("color=\(quote(failureColor)), penwidth=3") }
        attributes.append("tooltip=\(quote(([node.title] + node.details + [node.badge?.text].compactMap { $0 }).joined(separator: "\n")))")
        return "\(quote(node.id)) [\(attributes.joined(separator: ", "))];"
    }

    /// One table row per line: plain `<BR/>` lines overlap (a title's underscores
    /// run into the smaller line below in cairo's rendering).
    static func textLabel(_ node: DiagramNode) -> String {
        var rows = ["<B>\(html(node.title))</B>"]
        rows += node.details.map { "<FONT POINT-SIZE=\"9\">\(html($0))</FONT>" }
        if let badge = node.badge { rows.append(badgeText(badge)) }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
            + rows.map { "<TR><TD>\($0)</TD></TR>" }.joined() + "</TABLE>"
    }

    static func badgeText(_ badge: Badge) -> String {
        let color: String
        switch badge.kind {
        case .loss: color = "#b00000"
        case .lossless: color = "#2e7d32"
        case .padding: color = "#1f5fbf"
        case .failure: color = failureColor
        case .measurement: color = "#333333"
        }
        let text = badge.text.split(separator: "\n", omittingEmptySubsequences: false).map { html(String($0)) }.joined(separator: "<BR/>")
        return "<FONT POINT-SIZE=\"9\" COLOR=\"\(color)\">" + (badge.kind == .failure ? "<B>\(text)</B>" : text) + "</FONT>"
    }

    /// A table-shaped node: title row, header, one row per slice, footer.
    static func tableLabel(_ node: DiagramNode, rows: [[String]], fill: String) -> String {
        let columns = max(rows.map(\.count).max() ?? 1, 1)
        let border = node.isFailing ? failureColor : "#666666"
        var html = "<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" BGCOLOR=\(quote(fill)) COLOR=\(quote(border))>"
        // Title and details in rows of their own (see textLabel).
        html += "<TR><TD COLSPAN=\"\(columns)\" BORDER=\"0\"><B>\(self.html(node.title))</B></TD></TR>"
        for detail in node.details {
            html += "<TR><TD COLSPAN=\"\(columns)\" BORDER=\"0\"><FONT POINT-SIZE=\"9\">\(self.html(detail))</FONT></TD></TR>"
        }
        for (index, row) in rows.enumerated() {
            html +=
                "<TR>"
                + row.map { cell in
                    let text = self.html(cell)
                    return "<TD><FONT POINT-SIZE=\"9\">" + (index == 0 ? "<I>\(text)</I>" : text) + "</FONT></TD>"
                }.joined() + "</TR>"
        }
        if let footer = node.tableFooter { html += "<TR><TD COLSPAN=\"\(columns)\"><B>\(self.html(footer))</B></TD></TR>" }
        if let badge = node.badge { html += "<TR><TD COLSPAN=\"\(columns)\">\(badgeText(badge))</TD></TR>" }
        return html + "</TABLE>"
    }

    static func legendTable(_ legend: Legend) -> String {
        var html = "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"2\" BGCOLOR=\"#ffffff\" COLOR=\"#999999\">"
        html += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>"
        for swatch in legend.swatches {
            html +=
                "<TR><TD BGCOLOR=\(quote(swatch.fill)) BORDER=\"1\" WIDTH=\"22\"><FONT POINT-SIZE=\"8\"> </FONT></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(self.html(swatch.text))</FONT></TD></TR>"
        }
        for note in legend.notes {
            html += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(self.html(note))</FONT></TD></TR>"
        }
        return html + "</TABLE>"
    }

    /// The edges into a failing node that carry the odd map size out (Branch_0's 9x9 among
    /// 8x8s), by the spatial part of their labels: the size fewer inputs have.
    static func oddEdges(_ diagram: Diagram) -> Set<Int> {
        let failing = Set(diagram.nodes.filter(\.isFailing).map(\.id))
        var odd: Set<Int> = []
        for target in failing {
            let incoming = diagram.edges.enumerated().filter { $0.element.to == target && $0.element.kind == .data }
            let sizes = incoming.map { spatial($0.element.label) }
            let counts = Dictionary(sizes.map { ($0, 1) }, uniquingKeysWith: +)
            guard counts.count > 1, let common = counts.max(by: { $0.value < $1.value })?.key else { continue }
            for (edge, size) in zip(incoming, sizes) where size != common { odd.insert(edge.offset) }
        }
        return odd
    }

    /// `9x9` from a label ending in `9x9x384`.
    static func spatial(_ label: String) -> String {
        let parts = (label.split(separator: " ").last ?? "").split(separator: "x")
        return parts.count == 3 ? parts.prefix(2).joined(separator: "x") : String(label)
    }

    static func statement(_ edge: DiagramEdge, failing: Bool = false) -> String {
        var attributes = ["label=\(quote(" " + edge.label + " "))"]
        switch edge.kind {
        case _ where failing: attributes.append("color=\(quote(failureColor)), fontcolor=\(quote(failureColor)), penwidth=3")
        case .data: break
        case .identity: attributes.append("style=dashed, color=\"#7b3f8c\", fontcolor=\"#7b3f8c\"")
        case .repeats: attributes.append("style=dotted, color=\"#7b3f8c\", fontcolor=\"#7b3f8c\", constraint=false, penwidth=1.5")
        }
        return "\(quote(edge.from)) -> \(quote(edge.to)) [\(attributes.joined(separator: ", "))];"
    }

    // MARK: - Escaping

    /// A DOT double-quoted string.
    static func quote(_ text: String) -> String {
        "\"" + escaped(text, ["\"": "\\\"", "\\": "\\\\", "\n": "\\n"]) + "\""
    }

    /// Text inside an HTML-like label.
    static func html(_ text: String) -> String {
        escaped(text, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])
    }

    /// `text` with each character that `replacements` names replaced by its escape.
    private static func escaped(_ text: String, _ replacements: [Character: String]) -> String {
        text.reduce(into: "") { out, character in
            if let replacement = replacements[character] { out += replacement } else { out.append(character) }
        }
    }
}
