import Computation
import NetworkModel
import Tensors

/// How far the fast backend may be from the naive one on one layer, given the same inputs.
///
/// The two differ only in float32 rounding: summation order, fused multiply-adds, batch
/// norm folded into the weights (`w * inv`, `b * inv + beta - mean * inv`: a few extra
/// roundings per term), and for the 3x3 stride-1 convolutions on the Winograd path
/// (`WinogradConvolution.applies(to:)`) its transforms (a few additions and halvings
/// per term, of values a few times the terms' size; well inside the bound below, which
/// takes the worst pixel and weight). A K-term dot product computed in float32 is within
/// `gamma_K * sum_p |x_p w_p|` of the exact value, `gamma_K = K u / (1 - K u)`,
/// `u = 2^-24` (Higham 3.1), whatever the order; so two such computations are within twice
/// that of each other. `sum_p |x_p w_p|` is bounded per layer by
/// `(kh * kw * max over pixels of sum_c |x|) * max |w'|`, cheap to compute, with `w'`
/// the folded weights. The bound is rigorous but loose (it takes the worst pixel and the
/// largest weight); an indexing, padding or channel-order bug moves outputs by O(1) and
/// fails it. A second, statistical check keeps the root-mean-square difference below
/// `rmsRelativeTolerance` of the output's RMS: random-sign rounding grows like
/// `sqrt(K) u` (~3e-6 for K = 2880), so 1e-4 leaves 30x headroom yet catches a single
/// wrong term in a long dot product.
enum LayerAgreement {
    static let unitRoundoff = 0x1p-24
    static let rmsRelativeTolerance = 1e-4

    /// Ops whose fast version does the same float operations in the same order as the naive one.
    static func isExact(_ op: Op) -> Bool {
        switch op {
        case .input, .maxPool, .averagePool, .globalAveragePool, .concat, .flatten, .dropout, .residual, .l2Normalize: true
        case .convolution, .fullyConnected: false
        }
    }

    /// The worst-case bound of a convolution or fully connected layer (see the type's comment).
    static func bound(entry: LedgerEntry, input: Tensor, parameters: LayerParameters) -> Double {
        guard let weights = parameters.weights else { return 0 }
        let n = weights.shape.last!
        let k = weights.count / n
        let c = input.shape.last!
        var pixelL1 = 0.0
        for start in stride(from: 0, to: input.count, by: c) {
            var sum = 0.0
            for j in 0..<c { sum += Double(abs(input.scalars[start + j])) }
            pixelL1 = max(pixelL1, sum)
        }
        let windowCells = k / c
        var inv = [Double](repeating: 1, count: n)
        var shift = 0.0
        if let (beta, mean, variance) = parameters.batchNorm {
            for j in 0..<n {
                inv[j] = 1 / (Double(variance.scalars[j]) + 0.001).squareRoot()
                shift = max(shift, abs(Double(beta.scalars[j])) + abs(Double(mean.scalars[j])) * inv[j])
            }
        }
        if let biases = parameters.biases {
            for j in 0..<n { shift = max(shift, abs(Double(biases.scalars[j])) * inv[j] + shift) }
        }
        var maxWeight = 0.0
        for p in 0..<k {
            for j in 0..<n { maxWeight = max(maxWeight, abs(Double(weights.scalars[p * n + j])) * inv[j]) }
        }
        let terms = Double(k + 4)  // K products, the bias, the shift, and the folding roundings
        let gamma = terms * unitRoundoff / (1 - terms * unitRoundoff)
        return 2 * gamma * (Double(windowCells) * pixelL1 * maxWeight + shift) + Double(Float.leastNormalMagnitude)
    }

    /// Nil when `fast` agrees with `naive` on this layer, else what went wrong.
    static func check(entry: LedgerEntry, inputs: [Tensor], parameters: LayerParameters?, fast: Tensor, naive: Tensor) -> String? {
        guard fast.shape == naive.shape else { return "\(entry.name): shape \(fast.shape) vs \(naive.shape)" }
        if isExact(entry.layer.op) {
            for i in 0..<fast.count where fast.scalars[i] != naive.scalars[i] && !(fast.scalars[i] == 0 && naive.scalars[i] == 0) {
                return "\(entry.name): element \(i) is \(fast.scalars[i]), naive \(naive.scalars[i]) (must be equal)"
            }
            return nil
        }
        let tolerance = bound(entry: entry, input: inputs[0], parameters: parameters ?? LayerParameters())
        var squaredDifference = 0.0
        var squaredNaive = 0.0
        for i in 0..<fast.count {
            let difference = abs(Double(fast.scalars[i]) - Double(naive.scalars[i]))
            if !(difference <= tolerance) {
                return "\(entry.name): element \(i) is \(fast.scalars[i]), naive \(naive.scalars[i]), |diff| \(difference) > bound \(tolerance)"
            }
            squaredDifference += difference * difference
            squaredNaive += Double(naive.scalars[i]) * Double(naive.scalars[i])
        }
        let rmsDifference = (squaredDifference / Double(fast.count)).squareRoot()
        let rmsNaive = (squaredNaive / Double(fast.count)).squareRoot()
        if !(rmsDifference <= rmsRelativeTolerance * max(rmsNaive, 1e-30)) {
            return "\(entry.name): RMS difference \(rmsDifference) > \(rmsRelativeTolerance) x RMS \(rmsNaive)"
        }
        return nil
    }
}

/// Runs the naive backend through `ledger`, then every layer through `fast` on the naive
/// inputs; returns the first disagreement per layer (empty when all agree) and the naive run.
@discardableResult
func compareLayerByLayer(ledger: Ledger, weights: WeightSource, fast: Backend, input: Tensor) throws -> (failures: [String], naive: Interpreter) {
    let naive = try NaiveBackend(ledger: ledger, weights: weights)
    let interpreter = Interpreter(ledger: ledger, backend: naive, input: input)
    try interpreter.runToEnd()
    var failures: [String] = []
    for entry in ledger.entries {
        let inputs = entry.layer.inputs.isEmpty ? [input] : entry.layer.inputs.map { interpreter.output(of: $0)! }
        let output = try fast.forward(entry, inputs: inputs)
        if let failure = LayerAgreement.check(
            entry: entry, inputs: inputs, parameters: naive.parameters[entry.name],
            fast: output, naive: interpreter.output(of: entry.name)!)
        {
            failures.append(failure)
        }
    }
    return (failures, interpreter)
}
