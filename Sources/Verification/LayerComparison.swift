import Foundation
import NetworkModel
import Tensors

/// Compares one computed layer with the reference's record of it.
public enum LayerComparison {
    /// The verdict on `output` (`[1] + golden.shape`) against `golden`'s record.
    ///
    /// - Parameters:
    ///   - entry: the layer (its op shapes the hint)
    ///   - output: our output of the layer
    ///   - inputs: our inputs of the layer, for hints (a residual's `x` and `up`); may be empty
    ///   - golden: the reference's record, and `stored` its values
    public static func compare(_ entry: LedgerEntry, output: Tensor, inputs: [Tensor], golden: GoldenLayer, stored: ArraySlice<Float>, tolerance: Tolerance)
        -> LayerCheck
    {
        let samples = LayerSamples(golden: golden, stored: stored, tensor: output)
        let scale = golden.rootMeanSquare
        let scaleFloor = scale > 0 ? scale : 1e-30
        var maxAbs = 0.0
        var maxRel = 0.0
        var maxRelBorder = 0.0
        var maxRelInside = 0.0
        var relatives = [Double](repeating: 0, count: samples.count)
        var failBorder = 0
        var failInside = 0
        var failing = [Bool](repeating: false, count: samples.count)
        for i in 0..<samples.count {
            let reference = Double(samples.reference[i])
            let ours = Double(samples.ours[i])
            let error = ours.isFinite ? abs(ours - reference) : .infinity
            let relative = error / max(abs(reference), scaleFloor)
            maxAbs = max(maxAbs, error)
            relatives[i] = relative
            if relative > maxRel { maxRel = relative }
            let border = samples.positions[i].isBorder
            if border { maxRelBorder = max(maxRelBorder, relative) } else { maxRelInside = max(maxRelInside, relative) }
            if !(error <= tolerance.allowed(reference: reference, scale: scale)) {
                failing[i] = true
                if border { failBorder += 1 } else { failInside += 1 }
            }
        }
        let worst = firstOfWorst(relatives, maximum: maxRel)

        let statistics = statisticFailures(output: output, golden: golden, scale: scale, tolerance: tolerance)
        let nonFinite = output.scalars.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        let passed = failBorder + failInside == 0 && statistics.isEmpty && nonFinite == 0
        let hint =
            passed
            ? nil
            : Diagnosis.hint(
                entry: entry, samples: samples, failing: failing, inputs: inputs, golden: golden, statisticFailures: statistics, nonFinite: nonFinite)
        return LayerCheck(
            layer: entry.name, op: entry.layer.op.kind, shape: golden.shape, compared: samples.count, whole: golden.whole,
            maxAbsoluteError: maxAbs, maxRelativeError: maxRel,
            worst: worst.map { samples.positions[$0] },
            worstReference: worst.map { Double(samples.reference[$0]) }, worstOurs: worst.map { Double(samples.ours[$0]) },
            maxRelativeErrorOnBorder: maxRelBorder, maxRelativeErrorInside: maxRelInside,
            failuresOnBorder: failBorder, failuresInside: failInside,
            statisticFailures: statistics, nonFinite: nonFinite, passed: passed, hint: hint
        )
    }

    /// The position reported as the worst: the first whose relative error ties with the
    /// largest, `maximum` (an infinite one included). Errors within
    /// `tieTolerance` of it tie: errors that are equal in exact arithmetic (an average
    /// pool's four corners, all off by the same ratio) differ in their last bits with the
    /// order of a sum, and the first of them, not whichever rounding favoured on this
    /// machine's kernels, is named.
    static func firstOfWorst(_ relatives: [Double], maximum: Double) -> Int? {
        relatives.firstIndex { $0 >= maximum * (1 - tieTolerance) }
    }

    /// Relative errors this close (as a fraction of the largest) are the same error.
    static let tieTolerance = 1e-4

    /// Whole-tensor summaries outside the bounds the element tolerance implies.
    ///
    /// If every element met `|d| <= atol*s + rtol*|x|`, then `|Δsum| <= n*s*(atol+rtol)`
    /// (as `sum|x| <= n*s`), `|Δ sum x^2| <= 2*(atol+rtol)*sum x^2` to first order, and
    /// min and max move by at most their own element bound.
    static func statisticFailures(output: Tensor, golden: GoldenLayer, scale: Double, tolerance: Tolerance) -> [String] {
        var sum = 0.0
        var squares = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        for value in output.scalars {
            let v = Double(value)
            sum += v
            squares += v * v
            minimum = min(minimum, v)
            maximum = max(maximum, v)
        }
        let n = Double(golden.elementCount)
        let both = tolerance.absoluteToScale + tolerance.relative
        var failures: [String] = []
        if !(abs(sum - golden.sum) <= n * scale * both) {
            failures.append("sum \(Self.short(sum)) vs \(Self.short(golden.sum))")
        }
        if !(abs(squares - golden.sumSquares) <= 2 * both * golden.sumSquares + 1e-30) {
            failures.append("sum of squares \(Self.short(squares)) vs \(Self.short(golden.sumSquares))")
        }
        if !(abs(minimum - golden.min) <= tolerance.allowed(reference: golden.min, scale: scale)) {
            failures.append("min \(Self.short(minimum)) vs \(Self.short(golden.min))")
        }
        if !(abs(maximum - golden.max) <= tolerance.allowed(reference: golden.max, scale: scale)) {
            failures.append("max \(Self.short(maximum)) vs \(Self.short(golden.max))")
        }
        return failures
    }

    static func short(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-3) {
            return String(format: "%.4e", value)
        }
        return String(format: "%.6g", value)
    }
}
