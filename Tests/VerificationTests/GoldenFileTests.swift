import Foundation
import NetworkModel
import Testing

@testable import Verification

/// The committed golden file reads and matches the ledger; damaged copies give one clear error each.
@Suite struct GoldenFileTests {
    @Test func committedFileDescribesTheLedger() throws {
        let file = GoldenFixture.file
        #expect(file.header.version == 1)
        #expect(file.header.network.inputSize == 160)
        #expect(file.header.weightsSeed == 2018)
        #expect(file.header.inputs.map(\.name).contains("asymmetric"))
        try file.check(against: GoldenFixture.ledger)
        // Every layer of the ledger, in order, for every input.
        for input in file.header.inputs {
            #expect(input.layers.map(\.name) == GoldenFixture.ledger.entries.map(\.name))
            #expect(input.tensor.shape == [1, 160, 160, 3])
        }
        #expect(file.header.weights.count == GoldenFixture.ledger.weights.count)
    }

    /// The sampling covers every corner and edge midpoint, and late layers are whole.
    @Test func samplesIncludeCornersAndEdges() throws {
        let input = try #require(GoldenFixture.file.header.inputs.first)
        let conv = try #require(input.layers.first { $0.name == "Conv2d_1a_3x3" })
        #expect(!conv.whole)
        #expect(conv.rows == [0, 1, 39, 77, 78])
        #expect(conv.cols == [0, 1, 39, 77, 78])
        #expect(conv.channels == Array(0..<32))
        let wide = try #require(input.layers.first { $0.name == "Conv2d_4a_3x3" })
        #expect(wide.channels?.count == 32 && wide.channels?.first == 0 && wide.channels?.last == 191)
        for name in ["Block8_10/Conv2d_1x1", "Block8_10", "Conv2d_7b_1x1", "Bottleneck", "Embedding"] {
            let layer = try #require(input.layers.first { $0.name == name })
            #expect(layer.whole, "\(name)")
            #expect(layer.count == layer.elementCount)
        }
    }

    /// The values are Keras's, not ours: spot checks of the reference's own statistics.
    @Test func embeddingIsUnitLength() throws {
        for input in GoldenFixture.file.header.inputs {
            let embedding = try #require(input.layers.last)
            let values = GoldenFixture.file.values(of: embedding)
            let norm = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
            #expect(abs(embedding.sumSquares - 1) < 1e-5)
        }
    }

    // MARK: - Damaged files

    private func loadError(_ bytes: [UInt8]) throws -> GoldenFileError {
        let path = try GoldenFixture.temporaryFile(bytes, name: "damaged.golden")
        do {
            _ = try GoldenFile.load(path: path)
        } catch {
            return error
        }
        Issue.record("a damaged file loaded")
        return .missing(path: path)
    }

    @Test func missingFile() {
        #expect(throws: GoldenFileError.missing(path: "/nonexistent/x.golden")) { try GoldenFile.load(path: "/nonexistent/x.golden") }
        let text = GoldenFileError.missing(path: "/nonexistent/x.golden").description
        #expect(text.contains("does not exist"))
        #expect(text.contains("re-run scripts/golden/make_golden.py"))
    }

    @Test(arguments: [0, 5, 12, 100, 200_000, -1_000, -1])
    func truncatedFile(keep: Int) throws {
        let bytes = GoldenFixture.bytes
        let length = keep >= 0 ? keep : bytes.count + keep
        let error = try loadError(Array(bytes.prefix(length)))
        if case .truncated = error {} else { Issue.record("expected truncated, got \(error)") }
        #expect(error.description.contains("truncated"))
        #expect(error.description.hasSuffix(GoldenFileError.regenerateHint))
    }

    @Test func notAGoldenFile() throws {
        let error = try loadError(Array("PK\u{3}\u{4} this is a zip file, not golden data".utf8))
        #expect(error == .notGolden(path: error.path))
        #expect(error.description.contains("is not a golden file"))
    }

    @Test func futureVersion() throws {
        var bytes = GoldenFixture.bytes
        bytes[8] = 2
        let error = try loadError(bytes)
        #expect(error.description.contains("format version 2"))
    }

    @Test func flippedValueBitIsCaught() throws {
        var bytes = GoldenFixture.bytes
        bytes[bytes.count - 4_000] ^= 0x10
        let error = try loadError(bytes)
        if case .corrupt = error {} else { Issue.record("expected corrupt, got \(error)") }
        #expect(error.description.contains("checksum"))
    }

    @Test func brokenJSON() throws {
        var bytes = GoldenFixture.bytes
        bytes[16] = UInt8(ascii: "[")  // the header's opening brace
        let error = try loadError(bytes)
        if case .brokenHeader = error {} else { Issue.record("expected brokenHeader, got \(error)") }
    }

    /// A layer recorded with another shape than the ledger's: the check names layer and shapes.
    @Test func wrongShape() throws {
        let original = Array(#""name":"Conv2d_1a_3x3","shape":[79,79,32]"#.utf8)
        let edited = Array(#""name":"Conv2d_1a_3x3","shape":[79,79,33]"#.utf8)
        let bytes = GoldenFixture.bytes
        let start = try #require(Self.find(original, in: bytes))
        var damaged = bytes
        damaged.replaceSubrange(start..<(start + original.count), with: edited)
        let path = try GoldenFixture.temporaryFile(damaged, name: "shape.golden")
        let file = try GoldenFile.load(path: path)  // structurally fine
        #expect {
            try file.check(against: GoldenFixture.ledger)
        } throws: { error in
            let text = "\(error)"
            return text.contains("'Conv2d_1a_3x3' has shape [79, 79, 33]") && text.contains("the ledger says [79, 79, 32]") && text.contains("make_golden.py")
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

extension GoldenFileError {
    var path: String {
        switch self {
        case .missing(let path), .notGolden(let path): path
        case .unreadable(let path, _), .truncated(let path, _), .brokenHeader(let path, _), .corrupt(let path, _), .mismatch(let path, _): path
        case .unsupportedVersion(let path, _, _): path
        }
    }
}
