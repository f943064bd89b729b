import Computation
import NetworkModel
import Tensors
import TestSupport
import Testing

@Test func sameAveragePoolLeavesPaddingOutOfTheDivisor() {
    // Averaging ones gives 1 only if the divisor counts exactly the cells inside the map
    // (4 at a corner, 6 on an edge, 9 inside); counting padding would give 4/9 and 6/9.
    let ones = Tensor(shape: [1, 3, 3, 1], repeating: 1)
    let pooled = Naive.averagePool(ones, kernel: Size2(3, 3), stride: Size2(1, 1), padding: .same)
    #expect(pooled.scalars == [Float](repeating: 1, count: 9))
    // 1...9: corner (1+2+4+5)/4 = 3, top edge (1+...+6)/6 = 3.5, centre 45/9 = 5,
    // right edge (2+3+5+6+8+9)/6 = 5.5, bottom corner (5+6+8+9)/4 = 7.
    let map = Tensor(shape: [1, 3, 3, 1], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let averages = Naive.averagePool(map, kernel: Size2(3, 3), stride: Size2(1, 1), padding: .same)
    #expect(averages.scalars == [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7])
}

@Test func maxPoolIgnoresPaddedCells() {
    // All values negative: a padded zero taking part would show up as 0.
    let map = Tensor(shape: [1, 3, 3, 1], scalars: [-9, -8, -7, -6, -5, -4, -3, -2, -1])
    let pooled = Naive.maxPool(map, kernel: Size2(2, 2), stride: Size2(2, 2), padding: .same)
    // Windows {-9,-8,-6,-5}, {-7,-4}, {-3,-2}, {-1}.
    #expect(pooled.scalars == [-5, -4, -2, -1])
}

@Test func maxPoolNeverSeesTheLostRowAndColumn() {
    // MaxPool_5a_3x3 at 160: 36x36 -> 17x17 VALID stride 2; (36 - 3) mod 2 = 1, so the
    // last row and column are never reached: a peak there vanishes, one at 34 survives.
    var map = Tensor(shape: [1, 36, 36, 1], repeating: 0)
    map.scalars[35 * 36 + 35] = 5  // the lost corner
    map.scalars[34 * 36 + 34] = 1
    let pooled = Naive.maxPool(map, kernel: Size2(3, 3), stride: Size2(2, 2), padding: .valid)
    #expect(pooled.shape == [1, 17, 17, 1])
    #expect(pooled.scalars.max() == 1)
    #expect(pooled.scalars[16 * 17 + 16] == 1)
}

@Test func globalAveragePoolAveragesEachChannel() {
    // 2x2 map, channels [p, -p] for p in 1...4: means 2.5 and -2.5.
    let map = Tensor(shape: [1, 2, 2, 2], scalars: [1, -1, 2, -2, 3, -3, 4, -4])
    let pooled = Naive.globalAveragePool(map)
    #expect(pooled.shape == [1, 1, 1, 2])
    #expect(pooled.scalars == [2.5, -2.5])
}

/// Pools by the definition: every window position, clipped to the map by explicit tests.
private func bruteForcePool(_ x: Tensor, kernel: (Int, Int), stride: (Int, Int), same: Bool, average: Bool) -> (shape: [Int], values: [Double]) {
    let (h, w, c) = (x.shape[1], x.shape[2], x.shape[3])
    let rows = tensorFlowWindow(input: h, kernel: kernel.0, stride: stride.0, same: same)
    let cols = tensorFlowWindow(input: w, kernel: kernel.1, stride: stride.1, same: same)
    var values: [Double] = []
    for oy in 0..<rows.output {
        for ox in 0..<cols.output {
            for ch in 0..<c {
                var cells: [Double] = []
                for ky in 0..<kernel.0 {
                    for kx in 0..<kernel.1 {
                        let y = oy * stride.0 - rows.before + ky
                        let xx = ox * stride.1 - cols.before + kx
                        if y >= 0 && y < h && xx >= 0 && xx < w { cells.append(Double(x.scalars[(y * w + xx) * c + ch])) }
                    }
                }
                values.append(average ? cells.reduce(0, +) / Double(cells.count) : cells.max()!)
            }
        }
    }
    return ([1, rows.output, cols.output, c], values)
}

@Test(arguments: [(3, 3, 1, 1), (3, 3, 2, 2), (2, 2, 2, 2), (1, 3, 1, 2), (4, 2, 3, 1), (5, 5, 2, 2)])
func poolsMatchBruteForceOnRandomShapes(kh: Int, kw: Int, sh: Int, sw: Int) {
    var random = SeededFloats(seed: UInt64(7 + kh * 1000 + kw * 100 + sh * 10 + sw))
    for padding in [Padding.same, .valid] {
        for _ in 0..<5 {
            let h = Int.random(in: max(kh, 1)...12, using: &random)
            let w = Int.random(in: max(kw, 1)...12, using: &random)
            let c = Int.random(in: 1...4, using: &random)
            let x = random.tensor([1, h, w, c])
            let same = padding == .same
            let maxPooled = Naive.maxPool(x, kernel: Size2(kh, kw), stride: Size2(sh, sw), padding: padding)
            let expectedMax = bruteForcePool(x, kernel: (kh, kw), stride: (sh, sw), same: same, average: false)
            #expect(maxPooled.shape == expectedMax.shape)
            #expect(worstError(maxPooled, expectedMax.values) == 0, "max \(h)x\(w) \(kh)x\(kw) s\(sh)x\(sw) \(padding)")
            let averaged = Naive.averagePool(x, kernel: Size2(kh, kw), stride: Size2(sh, sw), padding: padding)
            let expectedAverage = bruteForcePool(x, kernel: (kh, kw), stride: (sh, sw), same: same, average: true)
            #expect(averaged.shape == expectedAverage.shape)
            #expect(worstError(averaged, expectedAverage.values) < 1e-6, "avg \(h)x\(w) \(kh)x\(kw) s\(sh)x\(sw) \(padding)")
        }
    }
}
