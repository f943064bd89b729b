import Foundation
import Testing

@testable import ModelData

/// PNG chunks by hand: length, type, data, CRC-32 (the PNG polynomial, bit by bit).
enum PNGBytes {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// An 8-bit RGB header for `width x height`, then one empty IDAT: enough for libpng to read the header.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        signature + chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]) + chunk("IDAT", []) + chunk("IEND", [])
    }

    /// The chunks of a PNG file as (type, data).
    static func chunks(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        var index = 8
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            result.append((String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self), Array(bytes[(index + 8)..<(index + 8 + length)])))
            index += 12 + length
        }
        return result
    }

    static func file(_ chunks: [(String, [UInt8])]) -> [UInt8] { signature + chunks.flatMap { chunk($0.0, $0.1) } }
}

/// Issue 17 case 13 (images that would take gigabytes) and libpng's warnings.
@Suite struct HostileImageTests {
    private func rgbPNG() throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        let path = directory.file("small.png")
        try PNGWriter.write(width: 4, height: 3, rgb: (0..<36).map { UInt8($0 * 7) }, to: path)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: [(UInt32(10_000), UInt32(10_000)), (30_000, 1), (1, 20_000), (5_000, 5_000)])
    func pngTooLargeIsRefusedFromItsHeader(width: UInt32, height: UInt32) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("huge.png", PNGBytes.header(width: width, height: height))
        let error = caught(ImageError.self) { _ = try PNGDecoder.decode(path: path) }
        #expect(error?.description.contains("\(width)x\(height) pixels is more than this explorer decodes") == true, "\(String(describing: error))")
    }

    /// A 30000x30000 JPEG in a few hundred bytes: a real 8x8 JPEG whose frame header is edited.
    @Test func jpegDeclaringThirtyThousandSquareIsRefused() throws {
        let directory = try TemporaryDirectory()
        let small = directory.file("small.jpg")
        try JPEGDecoder.encode(width: 8, height: 8, samples: [UInt8](repeating: 90, count: 64 * 3), components: 3, to: small)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: small)))
        let frame = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        for offset in [frame + 5, frame + 7] {  // height, then width, big-endian
            bytes[offset] = UInt8(30_000 >> 8)
            bytes[offset + 1] = UInt8(30_000 & 0xFF)
        }
        #expect(bytes.count < 1_000)
        let path = try directory.write("huge.jpg", bytes)
        let error = caught(ImageError.self) { _ = try JPEGDecoder.decode(path: path) }
        #expect(error?.description.contains("30000x30000 pixels is more than this explorer decodes") == true, "\(String(describing: error))")
    }

    /// A wrong Adler-32 at the end of the image data: libpng only warns; we refuse.
    @Test func pngBadAdlerIsRefused() throws {
        var chunks = PNGBytes.chunks(try rgbPNG())
        let idat = try #require(chunks.firstIndex { $0.0 == "IDAT" })
        chunks[idat].1[chunks[idat].1.count - 1] ^= 0xFF
        let directory = try TemporaryDirectory()
        let path = try directory.write("adler.png", PNGBytes.file(chunks))
        let error = caught(ImageError.self) { _ = try PNGDecoder.decode(path: path) }
        #expect(error?.description == "\(path): broken PNG: IDAT: incorrect data check", "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }

    /// Bytes after the end of the compressed image stream: refused.
    @Test func pngExtraImageDataIsRefused() throws {
        var chunks = PNGBytes.chunks(try rgbPNG())
        let idat = try #require(chunks.firstIndex { $0.0 == "IDAT" })
        chunks[idat].1 += [0x78, 0x9C, 0x03, 0x00]
        let directory = try TemporaryDirectory()
        let path = try directory.write("extra.png", PNGBytes.file(chunks))
        let error = caught(ImageError.self) { _ = try PNGDecoder.decode(path: path) }
        #expect(error?.description == "\(path): broken PNG: IDAT: Extra compressed data", "\(String(describing: error))")
    }

    /// The unedited file still decodes (the edits above are what is refused).
    @Test func theSmallPNGDecodes() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ok.png", PNGBytes.file(PNGBytes.chunks(try rgbPNG())))
        #expect(try PNGDecoder.decode(path: path).width == 4)
    }
}
