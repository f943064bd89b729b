import Tensors

/// The built-in input: a deterministic picture that makes border effects and flips visible.
///
/// At side `s` (integer arithmetic throughout, so every size is exact):
/// - background: red rises left to right `R = 255 * x / (s - 1)`, green top to bottom
///   `G = 255 * y / (s - 1)`, blue 64;
/// - a white frame `t = max(1, s / 32)` pixels thick (5 at 160) on all four sides, where
///   VALID convolutions lose rows and SAME ones pad;
/// - a black letter F (asymmetric under every flip and transpose) in the upper left:
///   stem columns [20%, 28%) rows [20%, 70%), top bar columns [20%, 50%) rows [20%, 28%),
///   middle bar columns [20%, 42%) rows [42%, 50%);
/// - a blue square (0, 0, 255), columns [70%, 80%) rows [75%, 85%), near the bottom right.
/// Percentages are of `s`, a pixel `i` being inside `[a%, b%)` when `a*s <= 100*i < b*s`.
public enum SyntheticImage {
    /// `[1, size, size, 3]`, standardised (FaceNet's fixed standardisation by default).
    public static func make(size: Int, standardisation: Standardisation = .fixed) -> Tensor {
        InputImage.tensor(from: rgb(size: size), size: size, standardisation: standardisation)
    }

    /// The picture as 8-bit RGB (e.g. to write it as a PNG).
    public static func rgb(size: Int) -> RGBImage {
        precondition(size > 0, "size must be positive")
        let frame = max(1, size / 32)
        func inside(_ i: Int, _ from: Int, _ to: Int) -> Bool { from * size <= 100 * i && 100 * i < to * size }
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        for y in 0..<size {
            for x in 0..<size {
                var pixel: (Int, Int, Int)
                let denominator = max(size - 1, 1)
                pixel = (255 * x / denominator, 255 * y / denominator, 64)
                let stem = inside(x, 20, 28) && inside(y, 20, 70)
                let topBar = inside(x, 20, 50) && inside(y, 20, 28)
                let middleBar = inside(x, 20, 42) && inside(y, 42, 50)
                if stem || topBar || middleBar { pixel = (0, 0, 0) }
                if inside(x, 70, 80) && inside(y, 75, 85) { pixel = (0, 0, 255) }
                if y < frame || y >= size - frame || x < frame || x >= size - frame { pixel = (255, 255, 255) }
                let i = (y * size + x) * 3
                pixels[i] = UInt8(pixel.0)
                pixels[i + 1] = UInt8(pixel.1)
                pixels[i + 2] = UInt8(pixel.2)
            }
        }
        return RGBImage(width: size, height: size, pixels: pixels)
    }
}
