import CImageShim
import CPNG

/// PNG files through libpng (via the C shim that catches its errors).
///
/// Every PNG becomes 8-bit RGB as TensorFlow's `decode_png(channels=3)` does it:
/// palettes and 1/2/4-bit samples expanded, 16-bit samples stripped to their high
/// byte (`0x8080 -> 0x80`), gray replicated to R = G = B, alpha dropped (not
/// composited), no gamma conversion (gAMA/sRGB chunks are ignored).
public enum PNGDecoder {
    public static func decode(path: String) throws -> RGBImage {
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = cimageshim_png_decode(path, &pixels, &width, &height, &message, message.count)
        guard status == 0, let pixels else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError(
                path: path, kind: text.hasPrefix("cannot open") ? .io : .decode, detail: text.hasPrefix("cannot open") ? text : "broken PNG: \(text)")
        }
        defer { cimageshim_free(pixels) }
        let count = Int(width) * Int(height) * 3
        return RGBImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// libpng's error text of the simplified API (a fixed 64-byte C string in the struct).
    static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
