import Foundation
import Tensors
import Testing

@testable import ModelData

/// Inputs of height H and width W (`--input-size HxW`): the synthetic picture, images and .npy files.
struct NonSquareInputTests {
    @Test func squareCallsAreUnchanged() {
        #expect(SyntheticImage.rgb(height: 160, width: 160) == SyntheticImage.rgb(size: 160))
        #expect(SyntheticImage.make(height: 75, width: 75).scalars == SyntheticImage.make(size: 75).scalars)
    }

    /// The picture's rules per axis: red 0 -> 255 across the width, green 0 -> 255 down the
    /// height, a frame min(h, w) / 32 thick, the F and the blue square at their percentages.
    @Test func picturePlacesEachAxisByItsOwnLength() {
        let (height, width) = (64, 200)
        let image = SyntheticImage.rgb(height: height, width: width)
        #expect((image.height, image.width) == (height, width))
        func pixel(_ y: Int, _ x: Int) -> [UInt8] { Array(image.pixels[((y * width + x) * 3)..<((y * width + x) * 3 + 3)]) }
        let frame = 2  // 64 / 32
        #expect(pixel(frame - 1, 100) == [255, 255, 255] && pixel(frame, 100) != [255, 255, 255])
        #expect(pixel(32, width - frame) == [255, 255, 255] && pixel(32, width - frame - 1) != [255, 255, 255])
        // Just inside the frame: red = 255 * x / (w - 1), green = 255 * y / (h - 1).
        #expect(pixel(frame, width - frame - 1) == [UInt8(255 * (width - frame - 1) / (width - 1)), UInt8(255 * frame / (height - 1)), 64])
        // The blue square: columns [70%, 80%) of 200 = 140..<160, rows [75%, 85%) of 64 = 48..<55 (100*i < 85*64).
        #expect(pixel(48, 140) == [0, 0, 255] && pixel(54, 159) == [0, 0, 255])
        #expect(pixel(47, 140) != [0, 0, 255] && pixel(48, 160) != [0, 0, 255] && pixel(55, 140) != [0, 0, 255])
    }

    @Test func npyMustHaveTheInputsHeightAndWidth() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nonsquare-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try NPY.write(SyntheticImage.make(height: 6, width: 9), to: path)
        let loaded = try InputImage.load(path: path, height: 6, width: 9)
        #expect(loaded.shape == [1, 6, 9, 3])
        #expect(throws: ImageError.self) { try InputImage.load(path: path, height: 9, width: 6) }
        do {
            _ = try InputImage.load(path: path, size: 6)
        } catch {
            #expect("\(error)".hasSuffix("the array is 6x9, the network input is 6x6: pass --input-size 6x9"))
        }
    }
}
