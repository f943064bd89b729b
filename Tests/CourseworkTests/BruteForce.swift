import NetworkModel
import TestSupport

@testable import Coursework

/// Answers worked out the slow way, independent of `WindowGeometry` and the ledger: windows are
/// placed one by one and pixels marked; shapes are walked layer by layer from the declaration;
/// receptive fields are the sets of input pixels one output pixel reads.
enum BruteForce {
    typealias Axis = EnumeratedAxis

    static func axis(_ n: Int, kernel k: Int, stride s: Int, padding: Padding) -> Axis? {
        EnumeratedAxis.enumerate(length: n, kernel: k, stride: s, padding: padding)
    }

    static func window(_ spec: WindowSpec) -> (rows: Axis, columns: Axis)? {
        guard let rows = axis(spec.input.height, kernel: spec.kernel.height, stride: spec.stride.height, padding: spec.padding),
            let columns = axis(spec.input.width, kernel: spec.kernel.width, stride: spec.stride.width, padding: spec.padding)
        else { return nil }
        return (rows, columns)
    }

    /// Input pixels (one axis, no borders) read by output pixel 0 of a chain of (kernel, stride) layers.
    static func receptiveField(chain: [(kernel: Int, stride: Int)]) -> Int {
        var indices: Set<Int> = [0]
        for layer in chain.reversed() {
            indices = Set(indices.flatMap { i in (0..<layer.kernel).map { i * layer.stride + $0 } })
        }
        return indices.max()! - indices.min()! + 1
    }

    /// One layer as walked here.
    struct Walked {
        var shape: [Int]
        var pad: SidePadding
        var parameters: Int
        var macs: Int
        var inputSpatial: Size2
    }

    struct Walk {
        var layers: [String: Walked] = [:]
        var failure: BreakPoint? = nil
    }

    /// Shapes, padding, parameters and multiply-adds of every layer of a what-if network, up to
    /// the first layer that does not fit.
    static func walk(_ whatIf: WhatIf) -> Walk {
        let network = try! Network.faceNet(whatIf.configuration)
        var walk = Walk()
        for layer in network.layers {
            let inputs = layer.inputs.map { walk.layers[$0]!.shape }
            let first = inputs.first ?? []
            var pad = SidePadding.none
            var parameters = 0
            var macs = 0
            let shape: [Int]
            func slide(_ window: Window, channels: Int) -> [Int]? {
                guard first.count == 3,
                    let rows = axis(first[0], kernel: window.kernel.height, stride: window.stride.height, padding: window.padding),
                    let columns = axis(first[1], kernel: window.kernel.width, stride: window.stride.width, padding: window.padding)
                else { return nil }
                pad = SidePadding(top: rows.before, bottom: rows.after, left: columns.before, right: columns.after)
                return [rows.output, columns.output, channels]
            }
            switch layer.op {
            case .input(let channels):
                shape = [whatIf.inputSize, whatIf.inputSize, channels]
            case .convolution(let conv):
                guard let out = slide(conv.window, channels: conv.filters) else {
                    walk.failure = BreakPoint(layer: layer.name, cause: .window)
                    return walk
                }
                shape = out
                let k = conv.window.kernel
                parameters = k.height * k.width * first[2] * conv.filters + (conv.bias ? conv.filters : 0) + (conv.batchNorm ? 3 * conv.filters : 0)
                macs = out[0] * out[1] * k.height * k.width * first[2] * conv.filters
            case .maxPool(let window), .averagePool(let window):
                guard let out = slide(window, channels: first[2]) else {
                    walk.failure = BreakPoint(layer: layer.name, cause: .window)
                    return walk
                }
                shape = out
            case .globalAveragePool:
                shape = [1, 1, first[2]]
            case .concat:
                guard Set(inputs.map { [$0[0], $0[1]] }).count == 1 else {
                    walk.failure = BreakPoint(layer: layer.name, cause: .branches)
                    return walk
                }
                shape = [first[0], first[1], inputs.map { $0[2] }.reduce(0, +)]
            case .residual:
                guard inputs[0] == inputs[1] else {
                    walk.failure = BreakPoint(layer: layer.name, cause: .residual)
                    return walk
                }
                shape = first
            case .flatten:
                shape = [first.reduce(1, *)]
            case .dropout, .l2Normalize:
                shape = first
            case .fullyConnected(let fc):
                shape = [fc.units]
                parameters = first[0] * fc.units + (fc.bias ? fc.units : 0) + (fc.batchNorm ? 3 * fc.units : 0)
                macs = first[0] * fc.units
            }
            walk.layers[layer.name] = Walked(
                shape: shape, pad: pad, parameters: parameters, macs: macs,
                inputSpatial: first.count == 3 ? Size2(first[0], first[1]) : Size2(1, 1))
        }
        return walk
    }

    /// Receptive field of `target` in this network: every consumer's pixel set is pushed back
    /// through its window into its inputs, in reverse execution order, and the input pixels
    /// reached are counted (per axis, ignoring borders).
    static func receptiveField(of target: String) -> Size2 {
        let network = try! Network.faceNet()
        func axis(_ pick: (Size2) -> Int) -> Int {
            var needed: [String: Set<Int>] = [target: [0]]
            for layer in network.layers.reversed() {
                guard let indices = needed[layer.name] else { continue }
                let kernel: Int
                let stride: Int
                switch layer.op {
                case .convolution(let conv): (kernel, stride) = (pick(conv.window.kernel), pick(conv.window.stride))
                case .maxPool(let window), .averagePool(let window): (kernel, stride) = (pick(window.kernel), pick(window.stride))
                default: (kernel, stride) = (1, 1)
                }
                let reached = Set(indices.flatMap { i in (0..<kernel).map { i * stride + $0 } })
                for input in layer.inputs { needed[input, default: []].formUnion(reached) }
            }
            let image = needed["inputs"]!
            return image.max()! - image.min()! + 1
        }
        return Size2(axis(\.height), axis(\.width))
    }
}
