import Computation
import NetworkModel
import Tensors
import TestSupport
import Testing

/// Float32 sums against a Double brute force: a few ulps per term.
private let convolutionTolerance = 1e-5

@Test func sameConvolutionOfOnesCountsTheCellsInsideTheMap() {
    // 3x3 SAME stride 1 over a 3x3 map of ones with a kernel of ones: each output is the
    // number of map cells its window covers: corners 4, edges 6, the centre 9.
    let ones = Tensor(shape: [1, 3, 3, 1], repeating: 1)
    let kernel = Tensor(shape: [3, 3, 1, 1], repeating: 1)
    let output = Naive.conv2d(ones, weights: kernel, stride: Size2(1, 1), padding: .same)
    #expect(output.shape == [1, 3, 3, 1])
    #expect(output.scalars == [4, 6, 4, 6, 9, 6, 4, 6, 4])
}

@Test func evenKernelStrideTwoSamePadsBottomAndRight() {
    // 3x3 map 1...9, 2x2 kernel of ones, stride 2, SAME: out 2x2, pad total 1 per axis,
    // all of it after (bottom/right). Windows: {1,2,4,5}, {3,6}, {7,8}, {9}.
    let map = Tensor(shape: [1, 3, 3, 1], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let kernel = Tensor(shape: [2, 2, 1, 1], repeating: 1)
    let output = Naive.conv2d(map, weights: kernel, stride: Size2(2, 2), padding: .same)
    #expect(output.shape == [1, 2, 2, 1])
    #expect(output.scalars == [12, 9, 15, 9])
}

@Test func validConvolutionDropsTheLastRowWhenTheStrideDoesNotFit() {
    // 4x4 map, 3x3 kernel of ones, stride 2, VALID: one window at (0,0); row/col 3 lost.
    let map = Tensor(shape: [1, 4, 4, 1], scalars: (1...16).map(Float.init))
    let kernel = Tensor(shape: [3, 3, 1, 1], repeating: 1)
    let output = Naive.conv2d(map, weights: kernel, stride: Size2(2, 2), padding: .valid)
    #expect(output.shape == [1, 1, 1, 1])
    #expect(output.scalars == [1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11])
}

@Test func convolutionMixesChannelsInHWIOOrder() {
    // 1x1 map with 2 channels [1, 10], 1x1 kernel [1,1,2,3]: y[co] = 1*w[0,co] + 10*w[1,co].
    let map = Tensor(shape: [1, 1, 1, 2], scalars: [1, 10])
    let kernel = Tensor(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let output = Naive.conv2d(map, weights: kernel, stride: Size2(1, 1), padding: .valid)
    #expect(output.scalars == [41, 52, 63])
}

/// The convolution as the definition reads, in Double: pad the map with zeros
/// explicitly (TensorFlow's rule re-derived in the test), then slide a VALID window.
private func bruteForceConvolution(_ x: Tensor, _ k: Tensor, stride: (Int, Int), same: Bool) -> (shape: [Int], values: [Double]) {
    let (h, w, cin) = (x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, cout) = (k.shape[0], k.shape[1], k.shape[3])
    let rows = tensorFlowWindow(input: h, kernel: kh, stride: stride.0, same: same)
    let cols = tensorFlowWindow(input: w, kernel: kw, stride: stride.1, same: same)
    // Padded map big enough for every window.
    let ph = (rows.output - 1) * stride.0 + kh
    let pw = (cols.output - 1) * stride.1 + kw
    var padded = [Double](repeating: 0, count: max(ph, h) * max(pw, w) * cin)
    let pwidth = max(pw, w)
    for y in 0..<h {
        for xx in 0..<w {
            for c in 0..<cin {
                let py = y + rows.before
                let px = xx + cols.before
                if py < ph && px < pw { padded[(py * pwidth + px) * cin + c] = Double(x.scalars[(y * w + xx) * cin + c]) }
            }
        }
    }
    var values: [Double] = []
    for oy in 0..<rows.output {
        for ox in 0..<cols.output {
            for co in 0..<cout {
                var sum = 0.0
                for ky in 0..<kh {
                    for kx in 0..<kw {
                        for ci in 0..<cin {
                            sum +=
                                padded[((oy * stride.0 + ky) * pwidth + ox * stride.1 + kx) * cin + ci]
                                * Double(k.scalars[((ky * kw + kx) * cin + ci) * cout + co])
                        }
                    }
                }
                values.append(sum)
            }
        }
    }
    return ([1, rows.output, cols.output, cout], values)
}

@Test(arguments: [
    (3, 3, 1, 1), (2, 2, 2, 2), (1, 7, 1, 1), (7, 1, 1, 1), (4, 3, 2, 1), (5, 5, 1, 1),
    (3, 3, 2, 2), (2, 2, 1, 1), (1, 3, 1, 1), (3, 1, 1, 1), (1, 1, 2, 2), (3, 3, 3, 3), (4, 4, 2, 2),
])
func convolutionMatchesBruteForceOnRandomShapes(kh: Int, kw: Int, sh: Int, sw: Int) {
    var random = SeededFloats(seed: UInt64(kh * 1000 + kw * 100 + sh * 10 + sw))
    for padding in [Padding.same, .valid] {
        for _ in 0..<6 {
            let h = Int.random(in: 1...13, using: &random)
            let w = Int.random(in: 1...13, using: &random)
            if padding == .valid && (h < kh || w < kw) { continue }
            let cin = Int.random(in: 1...5, using: &random)
            let cout = Int.random(in: 1...6, using: &random)
            let x = random.tensor([1, h, w, cin])
            let k = random.tensor([kh, kw, cin, cout])
            let output = Naive.conv2d(x, weights: k, stride: Size2(sh, sw), padding: padding)
            let expected = bruteForceConvolution(x, k, stride: (sh, sw), same: padding == .same)
            #expect(output.shape == expected.shape, "\(h)x\(w) \(kh)x\(kw) s\(sh)x\(sw) \(padding)")
            if output.shape == expected.shape {
                #expect(worstError(output, expected.values) < convolutionTolerance, "\(h)x\(w)x\(cin) \(kh)x\(kw) s\(sh)x\(sw) \(padding)")
            }
        }
    }
}
