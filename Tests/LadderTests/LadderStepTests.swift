import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// A layer-like convolution: map, window, filters, and whether a ReLU follows.
struct LadderCase: CustomStringConvertible, Sendable {
    let height: Int
    let width: Int
    let channels: Int
    let kernel: Size2
    let stride: Int
    let padding: Padding
    let filters: Int
    let relu: Bool

    var description: String { "\(height)x\(width)x\(channels) \(kernel) /\(stride) \(padding.rawValue) -> \(filters)" }
}

/// Odd and even maps, stride 1 and 2, SAME and VALID, 3x3, 1x7, 7x1 and 1x1 windows like
/// the network's, channel counts off the 6x16 tile and the 8-channel Winograd transforms,
/// and one layer whose M and K cross the blocks (mc 144, kc 512).
let ladderCases: [LadderCase] = [
    LadderCase(height: 11, width: 13, channels: 8, kernel: Size2(3, 3), stride: 1, padding: .same, filters: 16, relu: true),
    LadderCase(height: 12, width: 9, channels: 16, kernel: Size2(3, 3), stride: 1, padding: .valid, filters: 24, relu: false),
    LadderCase(height: 15, width: 15, channels: 6, kernel: Size2(3, 3), stride: 2, padding: .valid, filters: 10, relu: true),
    LadderCase(height: 9, width: 10, channels: 12, kernel: Size2(3, 3), stride: 2, padding: .same, filters: 20, relu: true),
    LadderCase(height: 7, width: 9, channels: 24, kernel: Size2(1, 7), stride: 1, padding: .same, filters: 20, relu: true),
    LadderCase(height: 9, width: 7, channels: 20, kernel: Size2(7, 1), stride: 1, padding: .same, filters: 24, relu: false),
    LadderCase(height: 5, width: 6, channels: 40, kernel: Size2(1, 1), stride: 1, padding: .same, filters: 33, relu: true),
    LadderCase(height: 13, width: 14, channels: 64, kernel: Size2(3, 3), stride: 1, padding: .same, filters: 40, relu: true),
]

/// Every ladder step, on every case, against a float64 direct convolution computed here
/// (not by any step). Tolerance: a float32 sum of `n` terms in any order, fused or not, is
/// within `gamma_n * sum |terms|` of the exact sum (Higham 3.1), `n` = the window's taps
/// times channels plus the bias. Winograd's transforms only add, subtract and halve, but
/// they enlarge what is summed: G's rows sum to at most 1.5 in absolute value, B^T's to 2
/// and A^T's to 3, so its terms total at most (1.5 * 2 * 3)^2 = 81 times the direct
/// magnitude, summed over 16 more terms. A dropped or doubled tap (an error of about
/// `sum / n`) is far outside both bounds.
@Suite("Optimisation ladder: every step against a float64 direct convolution")
struct LadderStepTests {
    @Test("One step on every layer-like case", arguments: LadderStep.allCases)
    func step(_ step: LadderStep) throws {
        var computed = 0
        for (index, testCase) in ladderCases.enumerated() {
            var random = SeededFloats(seed: UInt64(100 + index))
            let k = testCase.kernel.height * testCase.kernel.width * testCase.channels
            let weights = random.array(k * testCase.filters)
            let bias = random.array(testCase.filters)
            let input = random.tensor([1, testCase.height, testCase.width, testCase.channels])
            let layer = try LadderLayer(
                name: testCase.description, input: Shape(height: testCase.height, width: testCase.width, channels: testCase.channels),
                window: Window(kernel: testCase.kernel, stride: Size2(testCase.stride, testCase.stride), padding: testCase.padding),
                weights: weights, bias: bias, relu: testCase.relu)
            guard let convolution = LadderConvolution(step, layer: layer) else {
                #expect(step == .winograd, "\(step) refused \(testCase)")
                continue
            }
            computed += 1
            let output = convolution.apply(input)
            let g = layer.geometry
            #expect(output.shape == [1, g.outputHeight, g.outputWidth, g.filters], "\(step) \(testCase): shape \(output.shape)")
            guard output.shape == [1, g.outputHeight, g.outputWidth, g.filters] else { continue }
            let growth = step == .winograd ? 81.0 : 1.0
            let extraTerms = step == .winograd ? 16 : 0
            if let violation = firstViolation(
                layer: layer, input: input.scalars, weights: weights, bias: bias, output: output.scalars, growth: growth, extraTerms: extraTerms)
            {
                Issue.record("\(step) \(testCase): \(violation)")
            }
        }
        // Winograd computes the 3x3 stride-1 cases (3 of 8); every other step all of them.
        #expect(computed == (step == .winograd ? 3 : ladderCases.count))
    }

    @Test("Winograd says why it does not apply")
    func winogradRefusals() throws {
        let layer = try LadderLayer(
            name: "1x7", input: Shape(height: 5, width: 9, channels: 8), window: Window(kernel: Size2(1, 7), stride: Size2(1, 1), padding: .same),
            weights: [Float](repeating: 0, count: 7 * 8 * 8), bias: [Float](repeating: 0, count: 8), relu: false)
        #expect(LadderStep.winograd.unavailable(for: layer) == "not applicable: a 1x7 kernel (3x3 only)")
        #expect(LadderStep.allCases.filter { $0.unavailable(for: layer) == nil }.count == 6)
    }
}

/// The first output outside `growth * gamma_(n + extraTerms) * sum |terms|` of the float64 direct convolution.
func firstViolation(
    layer: LadderLayer, input: [Float], weights: [Float], bias: [Float], output: [Float], growth: Double, extraTerms: Int
) -> String? {
    let g = layer.geometry
    for oy in 0..<g.outputHeight {
        for ox in 0..<g.outputWidth {
            for j in 0..<g.filters {
                var exact = Double(bias[j])
                var magnitude = abs(Double(bias[j]))
                for ky in 0..<g.kernelHeight {
                    for kx in 0..<g.kernelWidth {
                        let (iy, ix) = (oy * g.strideHeight - g.padTop + ky, ox * g.strideWidth - g.padLeft + kx)
                        guard iy >= 0, iy < g.height, ix >= 0, ix < g.width else { continue }
                        for c in 0..<g.channels {
                            let term =
                                Double(input[(iy * g.width + ix) * g.channels + c])
                                * Double(weights[((ky * g.kernelWidth + kx) * g.channels + c) * g.filters + j])
                            exact += term
                            magnitude += abs(term)
                        }
                    }
                }
                if layer.folded.relu { exact = max(exact, 0) }
                let n = Double(g.k + 1 + extraTerms) * 0x1p-24
                let tolerance = growth * n / (1 - n) * magnitude + Double(Float.leastNormalMagnitude)
                let got = Double(output[(oy * g.outputWidth + ox) * g.filters + j])
                if !(abs(got - exact) <= tolerance) {
                    return "output (\(oy), \(ox), \(j)) = \(got), float64 \(exact), |diff| \(abs(got - exact)) > \(tolerance)"
                }
            }
        }
    }
    return nil
}
