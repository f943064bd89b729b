import NetworkModel
import SafeOutput
import Tensors

/// NumPy's `.npy` format for float32 tensors: little-endian (`'<f4'`), C order, any rank.
///
/// Reads versions 1.0, 2.0 and 3.0 (no other minor version exists) with headers up to
/// `largestHeader` bytes and dicts nested no deeper than `LiteralParser.deepest`; writes 1.0 with the header padded to a multiple
/// of 64 bytes, as `numpy.save` does. Anything else — another dtype (float64, ints),
/// big-endian, Fortran order, a bad magic string, a header that is not the usual
/// Python dict literal, too few or too many data bytes — is an `NPYError` naming the file.
public enum NPY {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
    /// Largest header read. NumPy itself refuses headers over 10,000 bytes unless told
    /// otherwise; a float32 array's header is under 200.
    public static let largestHeader = 65_536

    /// The tensor stored in `path`, with the file's shape (`[1, H, W, C]` for saved activations).
    public static func read(path: String) throws -> Tensor {
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch let error as WeightsError {
            if case .io(_, let detail) = error { throw NPYError(path: path, kind: .io, detail: detail) }
            throw error
        }
        let bytes = file.bytes(0..<file.count)
        func fail(_ kind: NPYFailure, _ detail: String) -> NPYError { NPYError(path: path, kind: kind, detail: detail) }

        guard bytes.count >= 8 else {
            // A prefix of the preamble is a cut file; anything else is not an .npy file.
            guard bytes.starts(with: magic.prefix(min(bytes.count, magic.count))) else { throw fail(.badMagic, "not a .npy file (bad magic string)") }
            throw fail(.truncated, "truncated: \(bytes.count) bytes, no complete .npy preamble")
        }
        guard bytes.starts(with: magic) else { throw fail(.badMagic, "not a .npy file (bad magic string)") }
        let major = bytes[6]
        let lengthSize: Int
        switch (major, bytes[7]) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw fail(.unsupportedVersion, ".npy format version \(major).\(bytes[7]) is not supported (1.0, 2.0, 3.0 are)")
        }
        guard bytes.count >= 8 + lengthSize else { throw fail(.truncated, "truncated: the file ends inside the header length") }
        let headerLength = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        guard headerLength <= largestHeader else {
            throw fail(
                .brokenHeader, "broken .npy header: \(headerLength) bytes, more than the \(largestHeader) this reader accepts (a float32 array needs under 200)"
            )
        }
        let dataStart = 8 + lengthSize + headerLength
        guard dataStart <= bytes.count else {
            throw fail(.truncated, "truncated: the header needs \(headerLength) bytes, the file has \(bytes.count - 8 - lengthSize)")
        }
        let headerText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(8 + lengthSize)..<dataStart]), as: UTF8.self)
        let header: Header
        do {
            header = try Header(parsing: headerText)
        } catch let reason as HeaderFailure {
            throw fail(.brokenHeader, "broken .npy header: \(reason.reason)")
        }
        guard header.descr == "<f4" else {
            let what = header.descr.hasPrefix(">") ? "big-endian" : header.descr.dropFirst() == "f8" ? "float64" : "dtype"
            throw fail(
                .unsupportedDType,
                "\(what) '\(UserText.escaped(header.descr))' is not supported: save float32 little-endian ('<f4'), e.g. np.save(path, a.astype('<f4'))")
        }
        guard !header.fortranOrder || header.shape.count <= 1 else {
            throw fail(.fortranOrder, "Fortran order is not supported: save a C-ordered array (np.ascontiguousarray)")
        }
        let available = bytes.count - dataStart
        guard let count = Checked.product(header.shape), let byteCount = Checked.product(count, 4) else {
            throw fail(.brokenHeader, "broken .npy header: shape \(header.shape) holds more elements than fit in memory")
        }
        guard available >= byteCount else {
            throw fail(.truncated, "truncated: shape \(header.shape) needs \(byteCount) data bytes, the file has \(available)")
        }
        guard available == byteCount else {
            throw fail(.trailingBytes, "\(available - byteCount) bytes after the \(byteCount) data bytes of shape \(header.shape)")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart...])
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: data)  // little-endian host
            initialised = count
        }
        return Tensor(shape: header.shape, scalars: scalars)
    }

    /// Writes `tensor` as float32, little-endian, C order; refuses an existing file unless `overwrite`.
    /// The folder must exist.
    public static func write(_ tensor: Tensor, to path: String, overwrite: Bool = false) throws {
        let file = try OutputFile(
            path: path, overwrite: overwrite,
            exists: { NPYError(path: $0, kind: .fileExists, detail: "file exists; pass overwrite: true (--force) to replace it") },
            failure: { NPYError(path: path, kind: .io, detail: $0) })
        try file.write(headerBytes(shape: tensor.shape))
        try file.write(tensor.scalars)
        try file.commit()
    }

    /// Creates `folder` if missing and checks a file can be made in it, before a run computes
    /// what it will save there; refuses an empty name (`--save ""` would write at `/`).
    public static func prepareFolder(_ folder: String) throws {
        do {
            try AtomicFile.prepareFolder(folder)
        } catch {
            throw NPYError(
                path: folder, kind: .io, detail: error == .emptyPath ? "the folder name is empty: give --save DIR" : "cannot save here: \(error.reason)")
        }
    }

    /// Magic, version 1.0, length, and the dict padded with spaces and a newline to a multiple of 64.
    static func headerBytes(shape: [Int]) -> [UInt8] {
        let dimensions = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': \(dimensions), }"
        let unpadded = magic.count + 2 + 2 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = dict.utf8.count
        return magic + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(dict.utf8)
    }

    // MARK: - Header

    struct HeaderFailure: Error { let reason: String }

    /// The three keys of a `.npy` header dict, parsed from its Python literal.
    struct Header {
        var descr = ""
        var fortranOrder = false
        var shape: [Int] = []

        init(parsing text: String) throws {
            var parser = LiteralParser(text)
            guard case .dict(let pairs) = try parser.value() else { throw HeaderFailure(reason: "not a dict") }
            parser.skipSpace()
            guard parser.atEnd else { throw HeaderFailure(reason: "text after the dict") }
            var seen = Set<String>()
            for (key, value) in pairs {
                seen.insert(key)
                switch (key, value) {
                case ("descr", .string(let descr)): self.descr = descr
                case ("fortran_order", .bool(let flag)): fortranOrder = flag
                case ("shape", .tuple(let items)):
                    shape = try items.map {
                        guard case .int(let dimension) = $0, dimension >= 0 else {
                            throw HeaderFailure(reason: "shape is not a tuple of non-negative integers")
                        }
                        return dimension
                    }
                case ("descr", _): throw HeaderFailure(reason: "descr is not a simple type string (structured arrays are not supported)")
                default: throw HeaderFailure(reason: "unexpected '\(UserText.escaped(key))' entry")
                }
            }
            guard seen == ["descr", "fortran_order", "shape"] else { throw HeaderFailure(reason: "needs exactly descr, fortran_order and shape") }
        }
    }

    /// Python literals as they appear in `.npy` headers: dicts, tuples, strings, ints, True/False.
    enum Literal {
        case dict([(String, Literal)])
        case tuple([Literal])
        case string(String)
        case int(Int)
        case bool(Bool)
    }

    struct LiteralParser {
        /// Deepest nesting of dicts and tuples (a header has two levels).
        static let deepest = 16
        private let characters: [Character]
        private var index = 0
        private var depth = 0

        init(_ text: String) { characters = Array(text) }

        var atEnd: Bool { index == characters.count }

        mutating func skipSpace() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        private mutating func expect(_ character: Character) throws {
            skipSpace()
            guard index < characters.count, characters[index] == character else { throw HeaderFailure(reason: "expected '\(character)'") }
            index += 1
        }

        private mutating func peek() -> Character? {
            skipSpace()
            return index < characters.count ? characters[index] : nil
        }

        mutating func value() throws -> Literal {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.deepest else { throw HeaderFailure(reason: "nested deeper than \(Self.deepest) levels") }
            switch peek() {
            case "{":
                index += 1
                var pairs: [(String, Literal)] = []
                while peek() != "}" {
                    guard case .string(let key) = try value() else { throw HeaderFailure(reason: "dict key is not a string") }
                    try expect(":")
                    pairs.append((key, try value()))
                    if peek() == "," { index += 1 } else { break }
                }
                try expect("}")
                return .dict(pairs)
            case "(":
                index += 1
                var items: [Literal] = []
                while peek() != ")" {
                    items.append(try value())
                    if peek() == "," { index += 1 } else { break }
                }
                try expect(")")
                return .tuple(items)
            case "'", "\"":
                let quote = characters[index]
                index += 1
                var text = ""
                while index < characters.count, characters[index] != quote {
                    text.append(characters[index])
                    index += 1
                }
                guard index < characters.count else { throw HeaderFailure(reason: "unterminated string") }
                index += 1
                return .string(text)
            case let c? where c.isNumber:
                var digits = ""
                while index < characters.count, characters[index].isASCII, characters[index].isNumber {
                    digits.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == "L" { index += 1 }  // Python 2 longs
                guard let number = Int(digits) else { throw HeaderFailure(reason: "integer \(digits) out of range") }
                return .int(number)
            default:
                for (word, flag) in [("True", true), ("False", false)] where characters[index...].starts(with: word) {
                    index += word.count
                    return .bool(flag)
                }
                throw HeaderFailure(reason: "unexpected text at character \(index)")
            }
        }
    }
}
