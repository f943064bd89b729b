import Tensors

/// Up to `limit` channels of a feature map side by side as one RGB picture: each channel
/// stretched from its own minimum (black) to maximum (white), tiles enlarged to at least
/// `minimumTile` pixels and separated by a 1-pixel grey line. A vector becomes one tile of
/// rows of 32 values.
public struct ChannelGrid {
    public let width: Int
    public let height: Int
    /// Row-major RGB bytes.
    public let rgb: [UInt8]
    public let channelsShown: Int
    public let columns: Int
    public let scale: Int

    public init(tensor: Tensor, limit: Int = 64, minimumTile: Int = 32) {
        var (h, w, c) = (1, tensor.count, 1)
        var scalars = tensor.scalars
        if tensor.rank == 4 {
            (h, w, c) = (tensor.shape[1], tensor.shape[2], tensor.shape[3])
        } else {
            w = min(32, tensor.count)
            h = (tensor.count + w - 1) / w
            scalars += [Float](repeating: .nan, count: h * w - tensor.count)
        }
        let shown = min(c, limit)
        let columns = Int(Double(shown).squareRoot().rounded(.up))
        let rows = (shown + columns - 1) / columns
        let scale = max(1, (minimumTile + max(h, w) - 1) / max(h, w))
        let tileHeight = h * scale
        let tileWidth = w * scale
        width = columns * tileWidth + (columns - 1)
        height = rows * tileHeight + (rows - 1)
        var bytes = [UInt8](repeating: 96, count: width * height * 3)
        for k in 0..<shown {
            var low = Float.infinity
            var high = -Float.infinity
            for p in 0..<(h * w) where scalars[p * c + k].isFinite {
                low = min(low, scalars[p * c + k])
                high = max(high, scalars[p * c + k])
            }
            let span = high > low ? high - low : 1
            let left = (k % columns) * (tileWidth + 1)
            let top = (k / columns) * (tileHeight + 1)
            for y in 0..<tileHeight {
                for x in 0..<tileWidth {
                    let v = scalars[((y / scale) * w + x / scale) * c + k]
                    let level: UInt8 = v.isFinite ? UInt8(max(0, min(255, ((v - low) / span * 255).rounded()))) : 96
                    let i = ((top + y) * width + left + x) * 3
                    bytes[i] = level
                    bytes[i + 1] = level
                    bytes[i + 2] = level
                }
            }
        }
        rgb = bytes
        channelsShown = shown
        self.columns = columns
        self.scale = scale
    }
}
