/// Bilinear resizing with half-pixel centres: TensorFlow 2's `tf.image.resize(method="bilinear",
/// antialias=False)`, i.e. TF1's `resize_bilinear(align_corners=False, half_pixel_centers=True)`.
///
/// For an output row `y` (columns alike), with `scale = Float(inH) / Float(outH)`:
/// `s = (Float(y) + 0.5) * scale - 0.5`; `lower = max(floor(s), 0)`;
/// `upper = min(ceil(s), inH - 1)`; `t = s - floor(s)`. A value is
/// `top + (bottom - top) * ty` with `top = tl + (tr - tl) * tx`, `bottom = bl + (br - bl) * tx`.
/// Pixel centres sit at `i + 0.5`, so same size is the identity, 2x upsampling of
/// `[0, 10]` gives `[0, 2.5, 7.5, 10]`, and halving `[0, 1, 2, 3]` gives `[0.5, 2.5]`
/// (no antialiasing: downscaling by more than 2 skips pixels, like TF without antialias).
/// Checked bit for bit against TensorFlow 2.21 (TensorFlowAgreementTests).
public enum BilinearResize {
    /// `values` is `height x width x channels` row-major; the result `outHeight x outWidth x channels`.
    public static func resize(_ values: [Float], height: Int, width: Int, channels: Int, outHeight: Int, outWidth: Int) -> [Float] {
        precondition(values.count == height * width * channels && height > 0 && width > 0 && outHeight > 0 && outWidth > 0)
        let rows = (0..<outHeight).map { Interpolation(index: $0, inSize: height, outSize: outHeight) }
        let columns = (0..<outWidth).map { Interpolation(index: $0, inSize: width, outSize: outWidth) }
        var out = [Float](repeating: 0, count: outHeight * outWidth * channels)
        for (y, row) in rows.enumerated() {
            for (x, column) in columns.enumerated() {
                for c in 0..<channels {
                    func at(_ i: Int, _ j: Int) -> Float { values[(i * width + j) * channels + c] }
                    let topLeft = at(row.lower, column.lower)
                    let topRight = at(row.lower, column.upper)
                    let bottomLeft = at(row.upper, column.lower)
                    let bottomRight = at(row.upper, column.upper)
                    let top = topLeft + (topRight - topLeft) * column.fraction
                    let bottom = bottomLeft + (bottomRight - bottomLeft) * column.fraction
                    out[(y * outWidth + x) * channels + c] = top + (bottom - top) * row.fraction
                }
            }
        }
        return out
    }

    /// The two source indices and the weight of the second for one output index.
    struct Interpolation {
        let lower: Int
        let upper: Int
        let fraction: Float

        init(index: Int, inSize: Int, outSize: Int) {
            let scale = Float(inSize) / Float(outSize)
            let source = (Float(index) + 0.5) * scale - 0.5
            let floor = source.rounded(.down)
            lower = max(Int(floor), 0)
            upper = min(Int(source.rounded(.up)), inSize - 1)
            fraction = source - floor
        }
    }
}
