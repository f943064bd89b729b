import NetworkModel

/// The layers of this network that each kind of network question may ask about.
struct NetworkCatalog: Sendable {
    /// Windows wider than one pixel, or strided (their padding matters), in execution order.
    let windowed: [String]
    /// Convolutions and the fully connected layer.
    let weighted: [String]
    let positions: [String: Int]
    /// The declared padding of every windowed layer.
    let declared: [String: Padding]

    static let shared = NetworkCatalog()

    private init() {
        let layers = (try? Network.faceNet().layers) ?? []
        windowed = layers.filter { layer in
            guard let window = layer.op.window else { return false }
            return window.kernel.height * window.kernel.width > 1 || window.stride.height > 1 || window.stride.width > 1
        }.map(\.name)
        weighted = layers.filter { if case .convolution = $0.op { true } else if case .fullyConnected = $0.op { true } else { false } }.map(\.name)
        positions = Dictionary(uniqueKeysWithValues: layers.enumerated().map { ($1.name, $0) })
        declared = Dictionary(uniqueKeysWithValues: layers.compactMap { layer in layer.op.window.map { (layer.name, $0.padding) } })
    }
}
