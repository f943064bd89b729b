import CImageShim

/// JPEG files through libjpeg (via the C shim that catches its errors).
///
/// Gray JPEGs are replicated to R = G = B; YCbCr ones are converted to RGB by
/// libjpeg with its default (islow IDCT, fancy upsampling); CMYK is refused.
public enum JPEGDecoder {
    public static func decode(path: String) throws -> RGBImage {
        var pixels: UnsafeMutablePointer<UInt8>? = nil
        var width: Int32 = 0
        var height: Int32 = 0
        var components: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = cimageshim_jpeg_decode(path, &pixels, &width, &height, &components, &message, message.count)
        guard status == 0, let pixels else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImageError(
                path: path, kind: text.hasPrefix("cannot open") ? .io : .decode, detail: text.hasPrefix("cannot open") ? text : "broken JPEG: \(text)")
        }
        defer { cimageshim_free(pixels) }
        let count = Int(width) * Int(height)
        switch components {
        case 3:
            return RGBImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count * 3)))
        case 1:
            var rgb = [UInt8](repeating: 0, count: count * 3)
            for i in 0..<count {
                rgb[3 * i] = pixels[i]
                rgb[3 * i + 1] = pixels[i]
                rgb[3 * i + 2] = pixels[i]
            }
            return RGBImage(width: Int(width), height: Int(height), pixels: rgb)
        default:
            throw ImageError(path: path, kind: .unsupported, detail: "JPEG with \(components) components (CMYK?) is not supported: convert it to RGB")
        }
    }

    /// Encodes RGB (`components` 3) or gray (1) samples as a JPEG of `quality`; for tests
    /// and fixtures. Refuses an existing file unless `overwrite`.
    public static func encode(width: Int, height: Int, samples: [UInt8], components: Int, quality: Int = 95, to path: String, overwrite: Bool = false) throws {
        guard samples.count == width * height * components else {
            throw ImageError(
                path: path, kind: .encode, detail: "\(width)x\(height)x\(components) needs \(width * height * components) bytes, got \(samples.count)")
        }
        if !overwrite, FileExistence.exists(path) {
            throw ImageError(path: path, kind: .fileExists, detail: "file exists; pass overwrite: true to replace it")
        }
        var message = [CChar](repeating: 0, count: 256)
        let status = samples.withUnsafeBufferPointer {
            cimageshim_jpeg_encode(path, $0.baseAddress, Int32(width), Int32(height), Int32(components), Int32(quality), &message, message.count)
        }
        guard status == 0 else {
            throw ImageError(
                path: path, kind: .encode, detail: "libjpeg: \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
    }
}
