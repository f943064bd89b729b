/// One node of the network: a named op and the layers it reads.
public struct Layer: Hashable, Sendable {
    /// The layer's path, e.g. `Block17_4/Branch_1/Conv2d_0b_1x7` (see docs/commands.md).
    public let name: String
    public let op: Op
    /// Names of the layers this one reads, in order.
    public let inputs: [String]
    /// The FaceNet variable scope of its weights, e.g.
    /// `InceptionResnetV2/Repeat_1/block17_4/Branch_1/Conv2d_0b_1x7`.
    public let scope: String
    /// The block instance it belongs to (`Block17_4`), nil for stem and head layers.
    public let block: String?
    /// `Branch_1` inside a block, nil outside branches.
    public let branch: String?

    public init(name: String, op: Op, inputs: [String], scope: String, block: String? = nil, branch: String? = nil) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.scope = scope
        self.block = block
        self.branch = branch
    }

    /// The last path component: `Conv2d_0b_1x7`, or the block's own name for its output.
    public var shortName: String { name.split(separator: "/").last.map(String.init) ?? name }

    func replacingOp(_ op: Op) -> Layer {
        Layer(name: name, op: op, inputs: inputs, scope: scope, block: block, branch: branch)
    }
}
