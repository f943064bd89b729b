import NetworkModel
import Tensors

/// Draws the parameters of one question from a set's ranges with a seeded generator.
struct QuestionDraw {
    let set: ExerciseSet
    var random: SplitMix64
    private let catalog = NetworkCatalog.shared

    init(set: ExerciseSet, random: SplitMix64) {
        self.set = set
        self.random = random
    }

    /// Parameters for `kind`; the caller solves them and draws again when they make no question.
    mutating func spec(for kind: ExerciseKind) -> QuestionSpec {
        switch kind {
        case .outputSize, .lossless:
            return .window(window(padding: random.pick(set.paddings)))
        case .samePadding:
            return .window(window(padding: .same))
        case .lostIndices, .lostCount:
            // Prefer a setting that loses something, so most answers are not "none".
            var drawn = window(padding: random.pick(set.paddings))
            for _ in 0..<4 where drawn.geometry.map({ $0.lostRows.isEmpty && $0.lostColumns.isEmpty }) ?? true {
                drawn = window(padding: random.pick(set.paddings))
            }
            return .window(drawn)
        case .losslessSizes:
            let kernel = random.int(in: set.kernel)
            let stride = random.int(in: set.stride)
            let first = random.int(in: set.map)
            return .sizeRange(first: first, last: first + set.sizeRangeWidth - 1, kernel: kernel, stride: stride, padding: random.pick(set.paddings))
        case .stackReceptiveField:
            let depth = random.int(in: set.stackDepth)
            return .stack((0..<depth).map { _ in StackLayer(kernel: random.int(in: set.kernel), stride: random.int(in: set.stride)) })
        case .networkShape:
            let target = random.pick(set.layers)
            let limit = catalog.positions[target] ?? Int.max
            let candidates = catalog.windowed.filter { (catalog.positions[$0] ?? Int.max) <= limit }
            return .network(WhatIf(inputSize: random.int(in: set.inputSize), override: flip(candidates)), layer: target)
        case .networkBreak:
            // Either a small input, or a usual input with one padding flipped (the flip may
            // break a concat or a residual add, or nothing at all).
            if let change = flip(catalog.windowed) {
                return .network(WhatIf(inputSize: random.int(in: set.inputSize), override: change), layer: nil)
            }
            return .network(WhatIf(inputSize: random.int(in: set.breakInputSize)), layer: nil)
        case .layerReceptiveField:
            return .network(WhatIf(inputSize: NetworkConfiguration.defaultInputSize), layer: random.pick(set.layers))
        case .porting:
            let layer = random.pick(catalog.windowed)
            let declared = catalog.declared[layer]
            let change = declared == .same ? nil : PaddingChange(layer: layer, padding: .same)
            return .network(WhatIf(inputSize: random.int(in: set.inputSize), override: change), layer: layer)
        case .parameters:
            return .network(WhatIf(inputSize: NetworkConfiguration.defaultInputSize), layer: random.pick(catalog.weighted))
        case .macs:
            return .network(WhatIf(inputSize: random.int(in: set.inputSize)), layer: random.pick(catalog.weighted))
        }
    }

    /// Parameters that always make a question of `kind`: used when every draw failed.
    static func fallback(for kind: ExerciseKind) -> QuestionSpec {
        let window = WindowSpec(input: Size2(square: 8), kernel: Size2(square: 3), stride: Size2(square: 2), padding: kind == .samePadding ? .same : .valid)
        let standard = WhatIf(inputSize: NetworkConfiguration.defaultInputSize)
        switch kind {
        case .outputSize, .samePadding, .lostIndices, .lostCount, .lossless: return .window(window)
        case .losslessSizes: return .sizeRange(first: 5, last: 16, kernel: 3, stride: 2, padding: .valid)
        case .stackReceptiveField: return .stack([StackLayer(kernel: 3, stride: 1), StackLayer(kernel: 3, stride: 2)])
        case .networkShape, .layerReceptiveField: return .network(standard, layer: "Mixed_6a")
        case .networkBreak: return .network(WhatIf(inputSize: 60), layer: nil)
        case .porting: return .network(standard, layer: "Conv2d_2b_3x3")
        case .parameters, .macs: return .network(standard, layer: "Conv2d_1a_3x3")
        }
    }

    /// A window op from the set's ranges; a VALID map is at least as large as the kernel.
    private mutating func window(padding: Padding) -> WindowSpec {
        let shape = random.pick(set.kernelShapes)
        var side = random.int(in: set.kernel)
        if shape == .strip && side == 1 && set.kernel.upperBound > 1 { side = random.int(in: 2...set.kernel.upperBound) }
        let kernel = shape == .square ? Size2(square: side) : (random.oneIn(2) ? Size2(1, side) : Size2(side, 1))
        let stride = random.int(in: set.stride)
        let low = padding == .valid ? max(set.map.lowerBound, side) : set.map.lowerBound
        let map = random.int(in: low...max(low, set.map.upperBound))
        return WindowSpec(input: Size2(square: map), kernel: kernel, stride: Size2(square: stride), padding: padding)
    }

    /// Half the time (when the set allows overrides), one of `candidates` with its padding flipped.
    private mutating func flip(_ candidates: [String]) -> PaddingChange? {
        guard set.overrides, !candidates.isEmpty, random.oneIn(2) else { return nil }
        let layer = random.pick(candidates)
        return PaddingChange(layer: layer, padding: catalog.declared[layer] == .same ? .valid : .same)
    }
}
