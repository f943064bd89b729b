import Tensors

/// The reference's stored values of one layer side by side with ours at the same positions.
struct LayerSamples {
    let positions: [LayerPosition]
    let reference: [Float]
    let ours: [Float]
    /// Flat NHWC index (batch dropped) of each sample in the layer's tensor.
    let flatIndices: [Int]

    /// Pairs every stored value of `golden` with the scalar of `tensor` (`[1] + golden.shape`) at its position.
    init(golden: GoldenLayer, stored: ArraySlice<Float>, tensor: Tensor) {
        let shape = golden.shape
        var positions: [LayerPosition] = []
        var indices: [Int] = []
        positions.reserveCapacity(stored.count)
        indices.reserveCapacity(stored.count)
        if shape.count == 3 {
            let (h, w, c) = (shape[0], shape[1], shape[2])
            let rows = golden.whole ? Array(0..<h) : golden.rows ?? []
            let cols = golden.whole ? Array(0..<w) : golden.cols ?? []
            let channels = golden.whole ? Array(0..<c) : golden.channels ?? []
            for y in rows {
                for x in cols {
                    let border = y == 0 || x == 0 || y == h - 1 || x == w - 1
                    for k in channels {
                        positions.append(LayerPosition(row: y, column: x, channel: k, isBorder: border))
                        indices.append((y * w + x) * c + k)
                    }
                }
            }
        } else {
            let channels = golden.whole ? Array(0..<(shape.last ?? 0)) : golden.channels ?? []
            for k in channels {
                positions.append(LayerPosition(row: nil, column: nil, channel: k, isBorder: false))
                indices.append(k)
            }
        }
        self.positions = positions
        self.flatIndices = indices
        self.reference = Array(stored)
        self.ours = indices.map { tensor.scalars[$0] }
    }

    var count: Int { reference.count }
}
