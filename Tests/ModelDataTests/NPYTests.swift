import Foundation
import Tensors
import Testing

@testable import ModelData

/// Fixtures made once with numpy 2.4 (`np.save` to a BytesIO, base64), pasted here.
/// `a = np.arange(12, dtype='<f4').reshape(1, 2, 2, 3) * 0.5 - 1`.
private enum NumpyFixture {
    static let c =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDIsIDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8AAABAAAAgQAAAQEAAAGBAAACAQAAAkEA="
    /// `a.astype('<f8')`
    static let float64 =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDIsIDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwvwAAAAAAAOC/AAAAAAAAAAAAAAAAAADgPwAAAAAAAPA/AAAAAAAA+D8AAAAAAAAAQAAAAAAAAARAAAAAAAAACEAAAAAAAAAMQAAAAAAAABBAAAAAAAAAEkA="
    /// `a.astype('>f4')`
    static let bigEndian =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDIsIDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAq/gAAAvwAAAAAAAAA/AAAAP4AAAD/AAABAAAAAQCAAAEBAAABAYAAAQIAAAECQAAA="
    /// `np.asfortranarray(a.reshape(4, 3))`
    static let fortran =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoNCwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAPwAAAEAAAGBAAAAAvwAAgD8AACBAAACAQAAAAAAAAMA/AABAQAAAkEA="
    /// `np.float32(2.5).reshape(())`
    static let scalar =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAACBA"
    /// `np.array([1.5, -2], dtype='<f4')`
    static let vector =
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwA=="
    /// `numpy.lib.format.write_array(f, a, version=(2, 0))`
    static let version2 =
        "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMSwgMiwgMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/AAAAvwAAAAAAAAA/AACAPwAAwD8AAABAAAAgQAAAQEAAAGBAAACAQAAAkEA="

    static func bytes(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }
    static let a = Tensor(shape: [1, 2, 2, 3], scalars: (0..<12).map { Float($0) * 0.5 - 1 })
}

@Suite struct NPYTests {
    @Test func readsNumpyFiles() throws {
        let directory = try TemporaryDirectory()
        let c = try directory.write("c.npy", NumpyFixture.bytes(NumpyFixture.c))
        #expect(try NPY.read(path: c) == NumpyFixture.a)
        let v2 = try directory.write("v2.npy", NumpyFixture.bytes(NumpyFixture.version2))
        #expect(try NPY.read(path: v2) == NumpyFixture.a)
        let vector = try directory.write("v.npy", NumpyFixture.bytes(NumpyFixture.vector))
        #expect(try NPY.read(path: vector) == Tensor(shape: [2], scalars: [1.5, -2]))
        let scalar = try directory.write("s.npy", NumpyFixture.bytes(NumpyFixture.scalar))
        #expect(try NPY.read(path: scalar) == Tensor(shape: [], scalars: [2.5]))
    }

    /// Our writer produces exactly the bytes of `np.save`.
    @Test(arguments: [
        (NumpyFixture.c, NumpyFixture.a),
        (NumpyFixture.vector, Tensor(shape: [2], scalars: [1.5, -2])),
        (NumpyFixture.scalar, Tensor(shape: [], scalars: [2.5])),
    ])
    func writesWhatNumpyWrites(fixture: String, tensor: Tensor) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("out.npy")
        try NPY.write(tensor, to: path)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == NumpyFixture.bytes(fixture))
    }

    @Test func roundTripsAnyRank() throws {
        let directory = try TemporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        for shape in [[1, 17, 17, 320], [3, 1, 2], [1, 1024], [0, 3], [2, 3, 4, 5, 6]] {
            let count = shape.reduce(1, *)
            let tensor = Tensor(shape: shape, scalars: (0..<count).map { _ in Float.random(in: -10...10, using: &generator) })
            let path = directory.file("t\(shape.count).npy")
            try NPY.write(tensor, to: path, overwrite: true)
            #expect(try NPY.read(path: path) == tensor)
            // Header padded so the data starts 64-aligned.
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
            #expect((size - count * 4) % 64 == 0)
        }
    }

    // MARK: - Errors: one line naming the file

    private func kind(of bytes: [UInt8], _ directory: TemporaryDirectory, name: String = "x.npy") throws -> (NPYFailure?, String, String) {
        let path = try directory.write(name, bytes)
        let error = caught(NPYError.self) { _ = try NPY.read(path: path) }
        #expect(error?.path == path)
        #expect(error.map { !$0.description.contains("\n") && $0.description.hasPrefix(path + ": ") } ?? false)
        return (error?.kind, error?.description ?? "", path)
    }

    @Test func rejectsOtherDtypesAndLayouts() throws {
        let directory = try TemporaryDirectory()
        let (f8, message, _) = try kind(of: NumpyFixture.bytes(NumpyFixture.float64), directory)
        #expect(f8 == .unsupportedDType)
        #expect(message.contains("float64 '<f8'"))
        let (be, bigMessage, _) = try kind(of: NumpyFixture.bytes(NumpyFixture.bigEndian), directory)
        #expect(be == .unsupportedDType)
        #expect(bigMessage.contains("big-endian"))
        #expect(try kind(of: NumpyFixture.bytes(NumpyFixture.fortran), directory).0 == .fortranOrder)
    }

    @Test func rejectsDamagedFiles() throws {
        let directory = try TemporaryDirectory()
        let good = NumpyFixture.bytes(NumpyFixture.c)
        #expect(try kind(of: Array("PK\u{3}\u{4} not numpy at all".utf8), directory).0 == .badMagic)
        #expect(try kind(of: [0x89, 0x50, 0x4E, 0x47], directory).0 == .badMagic)
        #expect(try kind(of: [], directory).0 == .truncated)
        #expect(try kind(of: Array(good.prefix(7)), directory).0 == .truncated)
        #expect(try kind(of: Array(good.prefix(9)), directory).0 == .truncated)
        #expect(try kind(of: Array(good.prefix(100)), directory).0 == .truncated)
        let (cut, message, _) = try kind(of: Array(good.dropLast(1)), directory)
        #expect(cut == .truncated)
        #expect(message.contains("needs 48 data bytes, the file has 47"))
        #expect(try kind(of: good + [0, 0, 0, 0], directory).0 == .trailingBytes)

        var version = good
        version[6] = 4
        #expect(try kind(of: version, directory).0 == .unsupportedVersion)

        // Mangle the dict: "(1, 2, 2, 3)" -> "(1, 2, 2, x)".
        var mangled = good
        let shapeEnd = mangled.firstIndex(of: UInt8(ascii: ")"))!
        mangled[shapeEnd - 1] = UInt8(ascii: "x")
        #expect(try kind(of: mangled, directory).0 == .brokenHeader)
    }

    @Test func ioErrorsAndOverwrite() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing.npy")
        #expect(caught(NPYError.self) { _ = try NPY.read(path: missing) }?.kind == .io)
        let path = directory.file("once.npy")
        try NPY.write(NumpyFixture.a, to: path)
        #expect(caught(NPYError.self) { try NPY.write(NumpyFixture.a, to: path) }?.kind == .fileExists)
        try NPY.write(Tensor(shape: [1], scalars: [7]), to: path, overwrite: true)
        #expect(try NPY.read(path: path).scalars == [7])
        #expect(caught(NPYError.self) { try NPY.write(NumpyFixture.a, to: directory.file("no/such/folder.npy")) }?.kind == .io)
    }
}
