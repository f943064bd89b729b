import Foundation
import NetworkModel
import Tensors
import Testing

@testable import Verification

/// The element rule, the worst position and the border split on small hand-made cases.
@Suite struct LayerComparisonTests {
    /// A whole 3x3x2 record of `values` for the ledger layer `name` (shape taken from `shape`).
    static func record(_ name: String, shape: [Int], values: [Float]) throws -> GoldenLayer {
        let doubles = values.map(Double.init)
        let json = """
            {"name":"\(name)","shape":\(shape),"sum":\(doubles.reduce(0, +)),"sum_squares":\(doubles.map { $0 * $0 }.reduce(0, +)),
             "min":\(doubles.min()!),"max":\(doubles.max()!),"whole":true,"offset":0,"count":\(values.count)}
            """
        return try JSONDecoder().decode(GoldenLayer.self, from: Data(json.utf8))
    }

    /// A ledger entry with a 3x3 SAME average pool (Mixed_5b's Branch_3), reused on a 3x3 map.
    static var averagePool: LedgerEntry { GoldenFixture.ledger["Mixed_5b/Branch_3/AvgPool_0a_3x3"]! }

    @Test func toleranceRule() {
        let tolerance = Tolerance(relative: 1e-4, absoluteToScale: 5e-5)
        #expect(tolerance.allowed(reference: 2, scale: 1) == 5e-5 + 2e-4)
        #expect(tolerance.allowed(reference: -2, scale: 10) == 5e-4 + 2e-4)
        #expect(Tolerance.float32Reordered.description.contains("rtol 1e-4"))
    }

    @Test func identicalValuesPass() throws {
        let values: [Float] = (0..<18).map { Float($0) * 0.25 - 1 }
        let golden = try Self.record("x", shape: [3, 3, 2], values: values)
        let check = LayerComparison.compare(
            Self.averagePool, output: Tensor(shape: [1, 3, 3, 2], scalars: values), inputs: [],
            golden: golden, stored: values[...], tolerance: .float32Reordered)
        #expect(check.passed)
        #expect(check.maxAbsoluteError == 0)
        #expect(check.compared == 18)
    }

    /// One value off at the centre: worst position (1,1,1), inside, one failure, and rel = |d| / max(|ref|, RMS).
    @Test func worstPositionAndBorderSplit() throws {
        let values: [Float] = (0..<18).map { Float($0 + 1) }
        var ours = values
        ours[(1 * 3 + 1) * 2 + 1] += 0.5  // (1,1,1): value 10
        let golden = try Self.record("x", shape: [3, 3, 2], values: values)
        let check = LayerComparison.compare(
            Self.averagePool, output: Tensor(shape: [1, 3, 3, 2], scalars: ours), inputs: [],
            golden: golden, stored: values[...], tolerance: .float32Reordered)
        #expect(!check.passed)
        #expect(check.worst == LayerPosition(row: 1, column: 1, channel: 1, isBorder: false))
        #expect(check.failuresInside == 1 && check.failuresOnBorder == 0)
        let rms = (values.map { Double($0) * Double($0) }.reduce(0, +) / 18).squareRoot()  // 10.67 > 10
        #expect(abs(check.maxRelativeError - 0.5 / rms) < 1e-12)
        #expect(check.maxAbsoluteError == 0.5)
    }

    /// Two values off by the same ratio up to rounding (1 part in 1e7, as two corners of
    /// an average pool summed in a different order): the first is the worst, whichever
    /// rounding made larger. A clearly larger error later on still wins.
    @Test func worstPositionTiesGoToTheFirst() throws {
        let values: [Float] = Array(repeating: 4, count: 18)
        let golden = try Self.record("x", shape: [3, 3, 2], values: values)
        func worst(_ changes: [Int: Float]) -> LayerPosition? {
            var ours = values
            for (index, value) in changes { ours[index] = value }
            return LayerComparison.compare(
                Self.averagePool, output: Tensor(shape: [1, 3, 3, 2], scalars: ours), inputs: [],
                golden: golden, stored: values[...], tolerance: .float32Reordered
            ).worst
        }
        let corner = LayerPosition(row: 0, column: 0, channel: 1, isBorder: true)
        #expect(worst([1: 4 * 4 / 9, 17: 4 * 4 / 9 * (1 - 1e-7)]) == corner)
        #expect(worst([1: 4 * 4 / 9 * (1 - 1e-7), 17: 4 * 4 / 9]) == corner)
        #expect(worst([1: 4 * 4 / 9, 17: 1]) == LayerPosition(row: 2, column: 2, channel: 1, isBorder: true))
        #expect(worst([:]) == LayerPosition(row: 0, column: 0, channel: 0, isBorder: true))
    }

    /// Just inside and just outside `atol + rtol*|ref|`.
    @Test func boundary() throws {
        let values: [Float] = Array(repeating: 1, count: 18)  // RMS 1
        let tolerance = Tolerance(relative: 1e-3, absoluteToScale: 1e-3)  // allows 2e-3
        let golden = try Self.record("x", shape: [3, 3, 2], values: values)
        func check(_ delta: Float) -> LayerCheck {
            var ours = values
            ours[8] += delta
            return LayerComparison.compare(
                Self.averagePool, output: Tensor(shape: [1, 3, 3, 2], scalars: ours), inputs: [],
                golden: golden, stored: values[...], tolerance: tolerance)
        }
        #expect(check(0.0019).passed)
        #expect(!check(0.0021).passed)
        #expect(!check(.nan).passed)
    }

    /// An average pool that counts the padding: only the border is wrong, and the hint names the divisor.
    @Test func averagePoolCountingPaddingGetsTheDivisorHint() throws {
        // A 5x5x1 map (as a 5x5 tensor with one channel): reference excludes padding, "ours" counts it.
        let h = 5
        let input: [Float] = (0..<(h * h)).map { Float(($0 * 7) % 11) + 1 }
        func pool(countPadding: Bool) -> [Float] {
            (0..<(h * h)).map { index in
                let (y, x) = (index / h, index % h)
                var sum: Float = 0
                var cells: Float = 0
                for dy in -1...1 {
                    for dx in -1...1 where (0..<h).contains(y + dy) && (0..<h).contains(x + dx) {
                        sum += input[(y + dy) * h + x + dx]
                        cells += 1
                    }
                }
                return sum / (countPadding ? 9 : cells)
            }
        }
        let reference = pool(countPadding: false)
        let golden = try Self.record("p", shape: [h, h, 1], values: reference)
        let check = LayerComparison.compare(
            Self.averagePool, output: Tensor(shape: [1, h, h, 1], scalars: pool(countPadding: true)), inputs: [],
            golden: golden, stored: reference[...], tolerance: .float32Reordered)
        #expect(!check.passed)
        #expect(check.failuresInside == 0 && check.failuresOnBorder == 16)
        #expect(check.hint?.contains("divisor") == true)
    }

    /// A conv + batch norm layer whose every channel is shifted (a wrong beta) or scaled (a wrong variance).
    @Test(arguments: [("offset", "constant offset"), ("scale", "per-channel scale error")])
    func batchNormPatterns(kind: String, hint: String) throws {
        let conv = try #require(GoldenFixture.ledger["Conv2d_2b_3x3"])
        let (h, w, c) = (4, 4, 3)
        let reference: [Float] = (0..<(h * w * c)).map { 0.5 + Float(($0 * 37) % 23) / 7 }  // positive, varied
        let ours: [Float] = reference.enumerated().map { index, value in
            let channel = index % c
            return kind == "offset" ? value + 0.01 * Float(channel + 1) : value * (1 + 0.002 * Float(channel + 1))
        }
        let golden = try Self.record("c", shape: [h, w, c], values: reference)
        let check = LayerComparison.compare(
            conv, output: Tensor(shape: [1, h, w, c], scalars: ours), inputs: [],
            golden: golden, stored: reference[...], tolerance: .float32Reordered)
        #expect(!check.passed)
        #expect(check.hint?.contains(hint) == true, "\(check.hint ?? "no hint")")
        #expect(check.hint?.contains("batch norm") == true)
    }
}
