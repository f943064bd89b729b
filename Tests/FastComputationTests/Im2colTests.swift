import NetworkModel
import Testing

@testable import FastComputation

/// The fast backend's im2col, on one thread (the ladder's steps 2-5) and on the pool.
struct Im2colTests {
    @Test("im2col puts tap (ky, kx) of output pixel (oy, ox) at its map cell, zeros outside", arguments: [false, true])
    func im2col(parallel: Bool) {
        // 7x6 map of 3 channels, 3x2 window, stride 2x1, 1 row and 1 column of padding before.
        let k = 3 * 2 * 3
        // Each cell holds its own coordinates, so a misplaced copy shows which cell it read.
        let map = (0..<(7 * 6 * 3)).map(Float.init)
        var columns = [Float](repeating: .nan, count: 4 * 6 * k)
        map.withUnsafeBufferPointer { x in
            columns.withUnsafeMutableBufferPointer {
                FastOps.im2col(
                    x.baseAddress!, height: 7, width: 6, channels: 3, kernel: Size2(3, 2), stride: Size2(2, 1), padTop: 1, padLeft: 1,
                    outputHeight: 4, outputWidth: 6, parallel: parallel, into: $0.baseAddress!)
            }
        }
        for oy in 0..<4 {
            for ox in 0..<6 {
                for ky in 0..<3 {
                    for kx in 0..<2 {
                        for ch in 0..<3 {
                            let (iy, ix) = (oy * 2 - 1 + ky, ox - 1 + kx)
                            let expected: Float = (0..<7).contains(iy) && (0..<6).contains(ix) ? Float((iy * 6 + ix) * 3 + ch) : 0
                            let got = columns[(oy * 6 + ox) * k + (ky * 2 + kx) * 3 + ch]
                            #expect(got == expected, "pixel (\(oy), \(ox)) tap (\(ky), \(kx)) channel \(ch)")
                        }
                    }
                }
            }
        }
    }
}
