/// The key to colours, edge styles and badges.
public struct Legend: Sendable, Equatable {
    /// Colour swatches and what they mean.
    public var swatches: [(fill: String, text: String)]
    /// Lines of explanation (edge styles, badges).
    public var notes: [String]

    public init(swatches: [(fill: String, text: String)], notes: [String]) {
        self.swatches = swatches
        self.notes = notes
    }

    public static func == (a: Legend, b: Legend) -> Bool {
        a.notes == b.notes && a.swatches.map(\.fill) == b.swatches.map(\.fill) && a.swatches.map(\.text) == b.swatches.map(\.text)
    }
}
