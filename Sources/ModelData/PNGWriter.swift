import CPNG

/// Writes 8-bit RGB images as PNG (libpng's simplified API), e.g. feature maps.
public enum PNGWriter {
    /// `rgb` is row-major, 3 bytes per pixel. Refuses an existing file unless `overwrite`.
    public static func write(width: Int, height: Int, rgb: [UInt8], to path: String, overwrite: Bool = false) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw ImageError(path: path, kind: .encode, detail: "\(width)x\(height) RGB needs \(max(width, 0) * max(height, 0) * 3) bytes, got \(rgb.count)")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_RGB)
        defer { png_image_free(&image) }
        // First ask for the size, then encode into memory, then write through OutputFile
        // (temporary name, renamed when complete).
        var size = 0
        let sized = rgb.withUnsafeBytes { png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, png_int_32(width * 3), nil) }
        guard sized != 0 else { throw ImageError(path: path, kind: .encode, detail: "libpng: \(PNGDecoder.message(of: image))") }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBytes { memory in
            rgb.withUnsafeBytes { png_image_write_to_memory(&image, memory.baseAddress, &size, 0, $0.baseAddress, png_int_32(width * 3), nil) }
        }
        guard written != 0 else { throw ImageError(path: path, kind: .encode, detail: "libpng: \(PNGDecoder.message(of: image))") }
        let file = try OutputFile(
            path: path, overwrite: overwrite,
            exists: { ImageError(path: $0, kind: .fileExists, detail: "file exists; pass overwrite: true (--force) to replace it") },
            failure: { ImageError(path: path, kind: .io, detail: $0) })
        try file.write(Array(bytes.prefix(size)))
        try file.commit()
    }
}
