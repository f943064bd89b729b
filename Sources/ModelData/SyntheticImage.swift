import Tensors

/// The built-in input: a deterministic picture that makes border effects and flips visible.
///
/// At height `h` and width `w` (a square side `s` being `h = w = s`; integer arithmetic
/// throughout, so every size is exact):
/// - background: red rises left to right `R = 255 * x / (w - 1)`, green top to bottom
///   `G = 255 * y / (h - 1)`, blue 64;
/// - a white frame `t = max(1, min(h, w) / 32)` pixels thick (5 at 160) on all four sides, where
///   VALID convolutions lose rows and SAME ones pad;
/// - a black letter F (asymmetric under every flip and transpose) in the upper left:
///   stem columns [20%, 28%) rows [20%, 70%), top bar columns [20%, 50%) rows [20%, 28%),
///   middle bar columns [20%, 42%) rows [42%, 50%);
/// - a blue square (0, 0, 255), columns [70%, 80%) rows [75%, 85%), near the bottom right.
/// Percentages are of `w` for columns and `h` for rows, a column `i` being inside `[a%, b%)`
/// when `a*w <= 100*i < b*w` (rows alike with `h`).
public enum SyntheticImage {
    /// `[1, size, size, 3]`, standardised (FaceNet's fixed standardisation by default).
    public static func make(size: Int, standardisation: Standardisation = .fixed) -> Tensor {
        make(height: size, width: size, standardisation: standardisation)
    }

    /// `[1, height, width, 3]`, standardised.
    public static func make(height: Int, width: Int, standardisation: Standardisation = .fixed) -> Tensor {
        InputImage.tensor(from: rgb(height: height, width: width), height: height, width: width, standardisation: standardisation)
    }

    /// The square picture as 8-bit RGB (e.g. to write it as a PNG).
    public static func rgb(size: Int) -> RGBImage { rgb(height: size, width: size) }

    /// The picture as 8-bit RGB, `height` rows of `width` pixels.
    public static func rgb(height: Int, width: Int) -> RGBImage {
        precondition(height > 0 && width > 0, "size must be positive")
        let frame = max(1, min(height, width) / 32)
        func inside(_ i: Int, _ from: Int, _ to: Int, of side: Int) -> Bool { from * side <= 100 * i && 100 * i < to * side }
        var pixels = [UInt8](repeating: 0, count: height * width * 3)
        for y in 0..<height {
            for x in 0..<width {
                func column(_ from: Int, _ to: Int) -> Bool { inside(x, from, to, of: width) }
                func row(_ from: Int, _ to: Int) -> Bool { inside(y, from, to, of: height) }
                var pixel = (255 * x / max(width - 1, 1), 255 * y / max(height - 1, 1), 64)
                let stem = column(20, 28) && row(20, 70)
                let topBar = column(20, 50) && row(20, 28)
                let middleBar = column(20, 42) && row(42, 50)
                if stem || topBar || middleBar { pixel = (0, 0, 0) }
                if column(70, 80) && row(75, 85) { pixel = (0, 0, 255) }
                if y < frame || y >= height - frame || x < frame || x >= width - frame { pixel = (255, 255, 255) }
                let i = (y * width + x) * 3
                pixels[i] = UInt8(pixel.0)
                pixels[i + 1] = UInt8(pixel.1)
                pixels[i + 2] = UInt8(pixel.2)
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
