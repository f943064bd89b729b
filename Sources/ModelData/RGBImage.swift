/// A decoded 8-bit RGB image: `pixels` row-major, 3 bytes per pixel (R, G, B).
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "\(width)x\(height) RGB needs \(width * height * 3) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at row `y`, column `x`.
    public subscript(y: Int, x: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The samples as floats 0...255, `[1, height, width, 3]`.
    public var floatSamples: [Float] { pixels.map(Float.init) }
}
