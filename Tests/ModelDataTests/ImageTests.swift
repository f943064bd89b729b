import Foundation
import Tensors
import Testing

@testable import ModelData

/// PNG fixtures written by a one-off Python script with the standard library only
/// (zlib + struct + binascii.crc32: an encoder independent of libpng), as base64.
private enum PNGFixture {
    /// Gray 8-bit 3x2: rows [0, 128, 255], [10, 20, 30].
    static let gray = "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAAAAAC4HznGAAAAEElEQVR4nGNgaPjPwCUiBwAIZwG8nGc1oAAAAABJRU5ErkJggg=="
    /// Gray+alpha 2x1: (200, alpha 0), (50, alpha 255).
    static let grayAlpha = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAQAAABeK7cBAAAADUlEQVR4nGM4wWD0HwAEiAH6QBbyYwAAAABJRU5ErkJggg=="
    /// RGB 2x2: red, green / blue, (1, 2, 3).
    static let rgb = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAE0lEQVR4nGP4z8DAAMIM/xmZmAEZ/gMEeZtQqAAAAABJRU5ErkJggg=="
    /// RGBA 2x1: (10, 20, 30, alpha 0), (40, 50, 60, alpha 128).
    static let rgba = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGPgEpFj0DCyaQAAA8cBU87jtEUAAAAASUVORK5CYII="
    /// Palette 2x1, indices [1, 0] into [(9, 8, 7), (250, 100, 0)].
    static let palette = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAMAAADD/I+4AAAABlBMVEUJCAf6ZACWDcPaAAAAC0lEQVR4nGNgZAAAAAUAAtFmM3gAAAAASUVORK5CYII="
    /// RGB 16-bit 1x1: (0x0000, 0xFFFF, 0x8080 = 128 * 257).
    static let rgb16 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABEAIAAADA54+dAAAAD0lEQVR4nGNgYPj/v6EBAAiAAv+nh5yyAAAAAElFTkSuQmCC"

    static func write(_ base64: String, _ directory: TemporaryDirectory, _ name: String) throws -> String {
        try directory.write(name, [UInt8](Data(base64Encoded: base64)!))
    }
}

@Suite struct PNGTests {
    @Test(
        arguments: [
            (PNGFixture.gray, 3, 2, [0, 0, 0, 128, 128, 128, 255, 255, 255, 10, 10, 10, 20, 20, 20, 30, 30, 30]),
            (PNGFixture.grayAlpha, 2, 1, [200, 200, 200, 50, 50, 50]),
            (PNGFixture.rgb, 2, 2, [255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3]),
            (PNGFixture.rgba, 2, 1, [10, 20, 30, 40, 50, 60]),
            (PNGFixture.palette, 2, 1, [250, 100, 0, 9, 8, 7]),
            (PNGFixture.rgb16, 1, 1, [0, 255, 128]),
        ] as [(String, Int, Int, [UInt8])])
    func decodesEveryColourType(fixture: String, width: Int, height: Int, pixels: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        let path = try PNGFixture.write(fixture, directory, "f.png")
        #expect(try PNGDecoder.decode(path: path) == RGBImage(width: width, height: height, pixels: pixels))
    }

    @Test func writerRoundTrips() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.png")
        let pixels = (0..<(5 * 3 * 3)).map { UInt8(($0 * 37) % 256) }
        try PNGWriter.write(width: 5, height: 3, rgb: pixels, to: path)
        #expect(try PNGDecoder.decode(path: path) == RGBImage(width: 5, height: 3, pixels: pixels))
        // The file starts with the PNG signature and an IHDR for 5x3, 8-bit, colour type 2.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[16..<26]) == [0, 0, 0, 5, 0, 0, 0, 3, 8, 2])

        #expect(caught(ImageError.self) { try PNGWriter.write(width: 1, height: 1, rgb: [1, 2, 3], to: path) }?.kind == .fileExists)
        try PNGWriter.write(width: 1, height: 1, rgb: [1, 2, 3], to: path, overwrite: true)
        #expect(try PNGDecoder.decode(path: path) == RGBImage(width: 1, height: 1, pixels: [1, 2, 3]))
        #expect(caught(ImageError.self) { try PNGWriter.write(width: 2, height: 1, rgb: [1, 2, 3], to: directory.file("bad.png")) }?.kind == .encode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.png"])
    }

    @Test func brokenPNGIsAOneLineError() throws {
        let directory = try TemporaryDirectory()
        let good = [UInt8](Data(base64Encoded: PNGFixture.rgb)!)
        for (name, bytes) in [("cut.png", Array(good.prefix(40))), ("garbage.png", Array(good.prefix(8)) + [UInt8](repeating: 7, count: 30))] {
            let path = try directory.write(name, bytes)
            let error = caught(ImageError.self) { _ = try PNGDecoder.decode(path: path) }
            #expect(error?.kind == .decode, "\(name)")
            #expect(error?.description.hasPrefix(path + ": ") == true)
            #expect(error?.description.contains("\n") == false)
        }
    }
}

@Suite struct JPEGTests {
    /// A smooth image: JPEG at quality 100 keeps it within a few levels (chroma is subsampled 2x2).
    @Test func encodeThenDecodeRGB() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("smooth.jpg")
        let (width, height) = (24, 16)
        var samples: [UInt8] = []
        for y in 0..<height { for x in 0..<width { samples += [UInt8(x * 10), UInt8(y * 15), 100] } }
        try JPEGDecoder.encode(width: width, height: height, samples: samples, components: 3, quality: 100, to: path)
        let image = try JPEGDecoder.decode(path: path)
        #expect(image.width == width && image.height == height)
        let worst = zip(image.pixels, samples).map { abs(Int($0) - Int($1)) }.max()!
        // 4:2:0 chroma subsampling averages 2x2 colours: a few levels off on a steep gradient.
        #expect(worst <= 10, "worst difference \(worst)")
        #expect(
            caught(ImageError.self) { try JPEGDecoder.encode(width: width, height: height, samples: samples, components: 3, to: path) }?.kind == .fileExists)
    }

    @Test func grayIsReplicated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gray.jpg")
        let samples = (0..<64).map { UInt8($0 * 4) }
        try JPEGDecoder.encode(width: 8, height: 8, samples: samples, components: 1, quality: 100, to: path)
        let image = try JPEGDecoder.decode(path: path)
        for i in 0..<64 {
            #expect(image.pixels[3 * i] == image.pixels[3 * i + 1] && image.pixels[3 * i] == image.pixels[3 * i + 2])
            #expect(abs(Int(image.pixels[3 * i]) - Int(samples[i])) <= 2)
        }
    }

    @Test func truncatedAndBrokenJPEGsAreErrors() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("whole.jpg")
        try JPEGDecoder.encode(width: 16, height: 16, samples: [UInt8](repeating: 90, count: 16 * 16 * 3), components: 3, to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let cases = [
            ("cut.jpg", Array(bytes.prefix(bytes.count - 40))),  // libjpeg only warns: we refuse
            ("header.jpg", Array(bytes.prefix(30))),
            ("soi.jpg", [0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02]),
        ]
        for (name, content) in cases {
            let broken = try directory.write(name, content)
            let error = caught(ImageError.self) { _ = try JPEGDecoder.decode(path: broken) }
            #expect(error?.kind == .decode, "\(name): \(String(describing: error))")
            #expect(error?.description.hasPrefix(broken + ": ") == true)
            #expect(error?.description.contains("\n") == false)
        }
        let missing = directory.file("absent.jpg")
        #expect(caught(ImageError.self) { _ = try JPEGDecoder.decode(path: missing) }?.detail.contains("cannot open") == true)
    }
}

@Suite struct ResizeAndStandardisationTests {
    private func resize(_ values: [Float], _ h: Int, _ w: Int, to oh: Int, _ ow: Int) -> [Float] {
        BilinearResize.resize(values, height: h, width: w, channels: 1, outHeight: oh, outWidth: ow)
    }

    /// Hand-worked with s = (i + 0.5) * in/out - 0.5 (see BilinearResize).
    @Test func handWorkedCases() {
        // Upsample 2 -> 4: s = -0.25, 0.25, 0.75, 1.25 -> clamp, 3:1, 1:3, clamp.
        #expect(resize([0, 10], 1, 2, to: 1, 4) == [0, 2.5, 7.5, 10])
        // Downsample 4 -> 2: s = 0.5, 2.5 (align-corners would give [0, 3]).
        #expect(resize([0, 1, 2, 3], 1, 4, to: 1, 2) == [0.5, 2.5])
        // 3 -> 2: s = 0.25, 1.75.
        #expect(resize([0, 4, 8], 1, 3, to: 1, 2) == [1, 7])
        // 2x2 -> 4x4, interior (1, 1): 0.75 * (0.75*0 + 0.25*10) + 0.25 * (0.75*20 + 0.25*30) = 7.5.
        let up = resize([0, 10, 20, 30], 2, 2, to: 4, 4)
        #expect(up[1 * 4 + 1] == 7.5)
        #expect(up[0] == 0 && up[15] == 30 && up[3] == 10 && up[12] == 20)
        // Rows and columns independently: (2, 3) = rows 1:3 of (col 3 = clamp) -> 0.25*10 + 0.75*30 = 25.
        #expect(up[2 * 4 + 3] == 25)
        // Same size is the identity.
        let values: [Float] = (0..<20).map { Float($0 * $0) }
        #expect(resize(values, 4, 5, to: 4, 5) == values)
        // Channels stay apart.
        #expect(
            BilinearResize.resize([0, 100, 10, 200], height: 1, width: 2, channels: 2, outHeight: 1, outWidth: 4) == [0, 100, 2.5, 125, 7.5, 175, 10, 200])
    }

    @Test func fixedStandardisation() {
        #expect(Standardisation.fixed.apply([0, 127.5, 255, 191.5]) == [-0.99609375, 0, 0.99609375, 0.5])
    }

    @Test func perImageStandardisation() {
        // mean 1, population variance (1 + 1 + 1 + 9) / 4 = 3.
        let out = Standardisation.perImage.apply([0, 0, 0, 4])
        let s = Float(3.0.squareRoot())
        #expect(zip(out, [-1 / s, -1 / s, -1 / s, 3 / s]).allSatisfy { abs($0 - $1) < 1e-6 })
        // A constant image divides by 1 / sqrt(N) instead of 0.
        #expect(Standardisation.perImage.apply([5, 5, 5]) == [0, 0, 0])
        // std below 1/sqrt(N): N = 4, values 0, 0, 0, 0.2: std = 0.0866 < 0.5, so (x - 0.05) / 0.5.
        let small = Standardisation.perImage.apply([0, 0, 0, 0.2])
        #expect(zip(small, [-0.1, -0.1, -0.1, 0.3] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}

@Suite struct InputTests {
    @Test func loadsAPNGResizedAndStandardised() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("in.png")
        // 4x4 RGB: R = 16 * column, G = 16 * row, B = 255.
        var rgb: [UInt8] = []
        for y in 0..<4 { for x in 0..<4 { rgb += [UInt8(16 * x), UInt8(16 * y), 255] } }
        try PNGWriter.write(width: 4, height: 4, rgb: rgb, to: path)
        let tensor = try InputImage.load(path: path, size: 2)
        #expect(tensor.shape == [1, 2, 2, 3])
        // Halving: pixel (0, 1) averages columns 2, 3 and rows 0, 1: R = 40, G = 8, B = 255.
        let expected: [Float] = [8, 8, 255, 40, 8, 255, 8, 40, 255, 40, 40, 255].map { ($0 - 127.5) / 128 }
        #expect(tensor.scalars == expected)
        let perImage = try InputImage.load(path: path, size: 4, standardisation: .perImage)
        #expect(abs(perImage.statistics.mean) < 1e-6 && abs(perImage.statistics.standardDeviation - 1) < 1e-5)
    }

    @Test func loadsAJPEG() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("in.jpeg")
        try JPEGDecoder.encode(width: 8, height: 8, samples: [UInt8](repeating: 200, count: 8 * 8 * 3), components: 3, quality: 100, to: path)
        let tensor = try InputImage.load(path: path, size: 16)
        #expect(tensor.shape == [1, 16, 16, 3])
        #expect(tensor.scalars.allSatisfy { abs($0 - (200 - 127.5) / 128) <= 1.0 / 128 })
    }

    @Test func loadsNPYAsGiven() throws {
        let directory = try TemporaryDirectory()
        let values = (0..<(3 * 3 * 3)).map { Float($0) / 7 - 2 }
        let flat = directory.file("hw3.npy")
        try NPY.write(Tensor(shape: [3, 3, 3], scalars: values), to: flat)
        #expect(try InputImage.load(path: flat, size: 3) == Tensor(shape: [1, 3, 3, 3], scalars: values))
        let batched = directory.file("b.npy")
        try NPY.write(Tensor(shape: [1, 3, 3, 3], scalars: values), to: batched)
        #expect(try InputImage.load(path: batched, size: 3, standardisation: .perImage).scalars == values)

        let error = caught(ImageError.self) { _ = try InputImage.load(path: flat, size: 160) }
        #expect(error?.kind == .wrongShape)
        #expect(error?.description == "\(flat): the array is 3x3, the network input is 160x160: pass --input-size 3")
        let gray = directory.file("gray.npy")
        try NPY.write(Tensor(shape: [3, 3], repeating: 0), to: gray)
        #expect(caught(ImageError.self) { _ = try InputImage.load(path: gray, size: 3) }?.kind == .wrongShape)
    }

    @Test func unknownAndMissingFiles() throws {
        let directory = try TemporaryDirectory()
        let text = try directory.write("notes.png", Array("hello, not an image".utf8))
        let error = caught(ImageError.self) { _ = try InputImage.load(path: text, size: 4) }
        #expect(error?.kind == .unknownFormat)
        #expect(error?.description.hasPrefix("\(text): not a PNG, JPEG or .npy file") == true)
        #expect(caught(ImageError.self) { _ = try InputImage.load(path: directory.file("none.png"), size: 4) }?.kind == .io)
    }
}

@Suite struct SyntheticImageTests {
    @Test func shapeValuesAndAsymmetry() {
        let size = 160
        let tensor = SyntheticImage.make(size: size)
        #expect(tensor.shape == [1, size, size, 3])
        #expect(tensor == SyntheticImage.make(size: size))
        let white = (255 - 127.5) / Float(128)
        func pixel(_ y: Int, _ x: Int) -> [Float] { Array(tensor.scalars[((y * size + x) * 3)..<((y * size + x) * 3 + 3)]) }
        // Frame 160 / 32 = 5 pixels on every side.
        for i in [0, 4, 80, 155, 159] {
            #expect(pixel(0, i) == [white, white, white] && pixel(4, i) == [white, white, white])
            #expect(pixel(i, 159) == [white, white, white] && pixel(i, 155) == [white, white, white])
        }
        #expect(pixel(5, 80) != [white, white, white])
        // The F's stem at (row 60, column 40) is black; the blue square at (128, 120).
        let black = -127.5 / Float(128)
        #expect(pixel(60, 40) == [black, black, black])
        #expect(pixel(128, 120) == [black, black, white])
        // Gradient: R = 255 * x / 159 at row 100, column 100 -> 160, G = 160, B = 64.
        #expect(pixel(100, 100) == [160, 160, 64].map { ($0 - 127.5) / 128 })
        // Flips and the transpose all differ from the original.
        let image = SyntheticImage.rgb(size: size)
        var horizontal = true
        var vertical = true
        var transpose = true
        for y in 0..<size {
            for x in 0..<size {
                if image[y, x] != image[y, size - 1 - x] { horizontal = false }
                if image[y, x] != image[size - 1 - y, x] { vertical = false }
                if image[y, x] != image[x, y] { transpose = false }
            }
        }
        #expect(!horizontal && !vertical && !transpose)
    }

    @Test func anySize() {
        for size in [1, 2, 7, 75, 299] {
            let tensor = SyntheticImage.make(size: size)
            #expect(tensor.shape == [1, size, size, 3])
            #expect(tensor.scalars.allSatisfy { $0.isFinite && abs($0) < 1 })
        }
    }
}
