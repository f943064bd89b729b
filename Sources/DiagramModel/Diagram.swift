/// An architecture diagram as data: what DOTWriter turns into Graphviz text.
///
/// Built by `DiagramBuilder` from the network declaration and its ledger; nothing
/// here depends on Graphviz, so the graph can be tested without rendering.
public struct Diagram: Sendable {
    /// Graph id (`InceptionResNetV2`).
    public var name: String
    /// Lines of the title above the picture.
    public var title: [String]
    /// Top-down (`TB`) or left-right (`LR`).
    public var direction: String
    /// Every node, in declaration order (clusters only refer to them).
    public var nodes: [DiagramNode]
    public var edges: [DiagramEdge]
    /// Top-level clusters; nodes not in any cluster sit at top level.
    public var clusters: [DiagramCluster]
    public var legend: Legend?
    /// Where the legend goes: beside the title (tall, narrow diagrams), or beside the
    /// last node (wide ones). Either way it adds no height to a rank in the middle.
    public var legendPlacement: LegendPlacement = .besideLastNode

    public enum LegendPlacement: Sendable, Equatable {
        case besideTitle
        case besideLastNode
    }

    public init(
        name: String, title: [String], direction: String = "TB", nodes: [DiagramNode] = [], edges: [DiagramEdge] = [], clusters: [DiagramCluster] = [],
        legend: Legend? = nil
    ) {
        self.name = name
        self.title = title
        self.direction = direction
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.legend = legend
    }

    /// The node with id `id`, if any.
    public func node(_ id: String) -> DiagramNode? { nodes.first { $0.id == id } }

    /// Edges arriving at `id`, in order.
    public func edges(into id: String) -> [DiagramEdge] { edges.filter { $0.to == id } }

    /// Edges leaving `id`, in order.
    public func edges(from id: String) -> [DiagramEdge] { edges.filter { $0.from == id } }

    /// Every cluster, depth first.
    public var allClusters: [DiagramCluster] {
        func walk(_ cluster: DiagramCluster) -> [DiagramCluster] { [cluster] + cluster.children.flatMap(walk) }
        return clusters.flatMap(walk)
    }
}
