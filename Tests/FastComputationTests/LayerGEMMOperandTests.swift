import GEMM
import ModelData
import NetworkModel
import Tensors
import TestSupport
import Testing

@testable import FastComputation

/// The operands `explore bench` gives OpenBLAS and the naive kernel for a layer are that
/// layer's GEMM: the naive kernel on them, plus bias and ReLU, gives the backend's output.
@Suite("A layer's GEMM operands, as the bench feeds other kernels")
struct LayerGEMMOperandTests {
    @Test("naive(A, W) + bias (then ReLU) equals the fast backend's forward, on every GEMM path")
    func operandsReproduceTheLayer() throws {
        var paths: Set<FastLayerPath> = []
        // With 3 input channels and 5 filters, the 1x1 stride 2 (rows of 5 floats) and the
        // 7x1 (rows of 6) go through im2col and the other windows are read in place; with
        // 32 channels, every window is.
        for (size, channels, filters) in [(9, 3, 5), (12, 32, 17)] {
            let ledger = try EveryLayerTypeNetwork.ledger(size: size, channels: channels, filters: filters)
            let fast = try FastBackend(ledger: ledger, weights: GeneratedWeights(seed: 7, ledger: ledger))
            var random = SeededFloats(seed: UInt64(size))
            for entry in ledger.entries {
                guard let path = fast.path(of: entry) else { continue }
                paths.insert(path)
                let input = random.tensor(entry.inputTensorShapes[0])
                guard let weights = fast.gemmWeights(of: entry), let rows = fast.gemmRows(of: entry, input: input) else {
                    #expect(path == .winograd, "\(entry.name): no operands on the \(path) path")
                    continue
                }
                let m = rows.count / weights.k
                #expect(rows.count == m * weights.k && m == entry.output.spatial.height * entry.output.spatial.width, "\(entry.name)")
                var expected = NaiveGEMM().multiply(m: m, n: weights.n, k: weights.k, a: rows, b: weights.scalars)
                for index in expected.indices {
                    expected[index] += weights.bias[index % weights.n]
                    if weights.relu { expected[index] = max(expected[index], 0) }
                }
                let found = try fast.forward(entry, inputs: [input]).scalars
                let scale = expected.map { abs($0) }.max() ?? 1
                let worst = zip(found, expected).map { abs($0 - $1) }.max() ?? 0
                #expect(found.count == expected.count && worst <= 1e-5 * max(scale, 1), "\(entry.name) (\(path)): off by \(worst)")
            }
        }
        #expect(paths.isSuperset(of: [.direct, .windowsInPlace, .im2col, .fullyConnected]), "paths seen: \(paths)")
    }
}
