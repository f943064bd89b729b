import Tensors

/// The network's input from a file: PNG, JPEG or `.npy`, recognised by their first bytes.
public enum InputImage {
    /// `[1, size, size, 3]`. Images are decoded to 8-bit RGB (`PNGDecoder`, `JPEGDecoder`),
    /// resized to `size x size` on the raw 0...255 values (`BilinearResize`, half-pixel centres;
    /// no crop, so an image of another aspect ratio is stretched), then standardised.
    /// A `.npy` (float32 `[1, H, W, 3]` or `[H, W, 3]`) is used as given: no resize, no
    /// standardisation; its side must already be `size`.
    public static func load(path: String, size: Int, standardisation: Standardisation = .fixed) throws -> Tensor {
        try load(path: path, height: size, width: size, standardisation: standardisation)
    }

    /// `[1, height, width, 3]`, as `load(path:size:)` but for any input size: an image is
    /// resized to `height x width`; a `.npy` must already be that size.
    public static func load(path: String, height: Int, width: Int, standardisation: Standardisation = .fixed) throws -> Tensor {
        precondition(height > 0 && width > 0, "input size must be positive")
        switch try format(of: path) {
        case .npy:
            let tensor = try NPY.read(path: path)
            let spatial = tensor.rank == 4 && tensor.shape[0] == 1 ? Array(tensor.shape.dropFirst()) : tensor.shape
            guard spatial.count == 3, spatial[2] == 3 else {
                throw ImageError(path: path, kind: .wrongShape, detail: "shape \(tensor.shape) is not an image: expected [1, H, W, 3] or [H, W, 3]")
            }
            guard spatial[0] == height, spatial[1] == width else {
                let side = spatial[0] == spatial[1] ? "\(spatial[0])" : "\(spatial[0])x\(spatial[1])"
                throw ImageError(
                    path: path, kind: .wrongShape,
                    detail: "the array is \(spatial[0])x\(spatial[1]), the network input is \(height)x\(width): pass --input-size \(side)")
            }
            return tensor.reshaped([1, height, width, 3])
        case .png:
            return tensor(from: try PNGDecoder.decode(path: path), height: height, width: width, standardisation: standardisation)
        case .jpeg:
            return tensor(from: try JPEGDecoder.decode(path: path), height: height, width: width, standardisation: standardisation)
        }
    }

    /// A decoded image resized and standardised, `[1, size, size, 3]`.
    public static func tensor(from image: RGBImage, size: Int, standardisation: Standardisation = .fixed) -> Tensor {
        tensor(from: image, height: size, width: size, standardisation: standardisation)
    }

    /// A decoded image resized to `height x width` and standardised, `[1, height, width, 3]`.
    public static func tensor(from image: RGBImage, height: Int, width: Int, standardisation: Standardisation = .fixed) -> Tensor {
        let resized = BilinearResize.resize(image.floatSamples, height: image.height, width: image.width, channels: 3, outHeight: height, outWidth: width)
        return Tensor(shape: [1, height, width, 3], scalars: standardisation.apply(resized))
    }

    enum Format { case png, jpeg, npy }

    /// The format from the file's first bytes (extensions lie).
    static func format(of path: String) throws -> Format {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch let WeightsError.io(_, detail) {
            throw ImageError(path: path, kind: .io, detail: detail)
        }
        let head = Array(file.bytes(0..<min(file.count, 8)))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: NPY.magic) { return .npy }
        throw ImageError(
            path: path, kind: .unknownFormat, detail: "not a PNG, JPEG or .npy file (first bytes \(head.map { String($0, radix: 16) }.joined(separator: " ")))")
    }
}
