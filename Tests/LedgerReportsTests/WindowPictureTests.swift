import NetworkModel
import Testing

@testable import LedgerReports

/// The window picture's cells against TensorFlow's rules worked by hand.
struct WindowPictureTests {
    func fills(_ picture: WindowPicture, _ color: WindowPicture.RGB) -> Int {
        picture.boxes.filter { $0.fill == color && $0.width == $0.height && $0.width > 14 }.count
    }

    /// SAME, 8x8, 3x3, stride 2: output 4, total padding (4-1)*2+3-8 = 1 per axis, put
    /// bottom/right, so the padded grid is 9x9 and 81 - 64 = 17 cells are padding, none lost.
    @Test func sameOnAnEvenMapPadsBottomAndRightOnly() throws {
        let g = try #require(WindowGeometry(input: Size2(8, 8), kernel: Size2(3, 3), stride: Size2(2, 2), padding: .same))
        let picture = try #require(WindowPicture([g]))
        #expect(fills(picture, WindowPicture.paddingCell) == 17)
        #expect(fills(picture, WindowPicture.lostCell) == 0)
        #expect(fills(picture, WindowPicture.mapCell) == 64)
        let labels = picture.labels.map(\.text)
        #expect(labels.contains("output 4x4; padding top 0, bottom 1, left 0, right 1; unread: none"))
        #expect(labels.contains("window (3, 0), reads the bottom padding"))
    }

    /// VALID, 8x8, 3x3, stride 2: windows start at 0, 2, 4 and reach index 6, so row 7 and
    /// column 7 are never read: 8 + 8 - 1 = 15 lost cells.
    @Test func validLosesTheLastRowAndColumn() throws {
        let g = try #require(WindowGeometry(input: Size2(8, 8), kernel: Size2(3, 3), stride: Size2(2, 2), padding: .valid))
        let picture = try #require(WindowPicture([g]))
        #expect(fills(picture, WindowPicture.lostCell) == 15)
        #expect(fills(picture, WindowPicture.paddingCell) == 0)
        #expect(picture.svg().hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(picture.raster().count == picture.width * picture.height * 3)
    }

    /// A 160x160 map is cropped to its corners with a marker band; the first and last windows stay.
    @Test func largeMapsAreCroppedWithAMarker() throws {
        let g = try #require(WindowGeometry(input: Size2(160, 160), kernel: Size2(3, 3), stride: Size2(2, 2), padding: .valid))
        let picture = try #require(WindowPicture([g]))
        let labels = picture.labels.map(\.text)
        #expect(labels.contains { $0.hasPrefix("rows/columns left out") })
        #expect(labels.contains("window (78, 78), the last"))
        #expect(WindowPicture.drawnIndices(160) == Array(0..<9) + [nil] + Array(151..<160))
    }

    /// Uneven strides: 1x7 kernel, stride 1x2 over 7x9, SAME: columns need (5-1)*2+7-9 = 6, 3 left, 3 right.
    @Test func unevenStridesAndKernels() throws {
        let g = try #require(WindowGeometry(input: Size2(7, 9), kernel: Size2(1, 7), stride: Size2(1, 2), padding: .same))
        let picture = try #require(WindowPicture([g]))
        #expect(picture.labels.map(\.text).contains("output 7x5; padding top 0, bottom 0, left 3, right 3; unread: none"))
        #expect(fills(picture, WindowPicture.paddingCell) == 7 * 6)
    }
}
