import NetworkModel

/// The parameters drawn for one question: everything its answer is computed from.
public enum QuestionSpec: Sendable, Hashable {
    /// One window op over a map.
    case window(WindowSpec)
    /// Square input sizes `first...last` under one window setting.
    case sizeRange(first: Int, last: Int, kernel: Int, stride: Int, padding: Padding)
    /// SAME layers applied one after another (first layer first).
    case stack([StackLayer])
    /// A what-if of this network and the layer asked about (nil: the whole network).
    case network(WhatIf, layer: String?)
}

/// A window op over a map.
public struct WindowSpec: Sendable, Hashable {
    public let input: Size2
    public let kernel: Size2
    public let stride: Size2
    public let padding: Padding

    public init(input: Size2, kernel: Size2, stride: Size2, padding: Padding) {
        self.input = input
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    /// The project's arithmetic for it (nil when a VALID window does not fit).
    public var geometry: WindowGeometry? { WindowGeometry(input: input, kernel: kernel, stride: stride, padding: padding) }

    /// `a 3x3 window with stride 2 and VALID padding`.
    var phrase: String {
        let strideText = stride.isSquare ? "\(stride.height)" : "\(stride)"
        return "\(article(kernel.height)) \(kernel) window with stride \(strideText) and \(padding.rawValue) padding"
    }
}

/// One layer of a stack: a square kernel and stride.
public struct StackLayer: Sendable, Hashable {
    public let kernel: Int
    public let stride: Int

    public init(kernel: Int, stride: Int) {
        self.kernel = kernel
        self.stride = stride
    }
}

/// A what-if of this network: another input size and at most one layer's padding changed.
public struct WhatIf: Sendable, Hashable {
    public let inputSize: Int
    public let override: PaddingChange?

    public init(inputSize: Int, override: PaddingChange? = nil) {
        self.inputSize = inputSize
        self.override = override
    }

    public var configuration: NetworkConfiguration {
        NetworkConfiguration(inputSize: inputSize, paddingOverrides: override.map { [$0.layer: $0.padding] } ?? [:])
    }

    /// The same what-if as `explore table` options.
    public var options: String {
        "--input-size \(inputSize)" + (override.map { " --padding \($0.layer)=\($0.padding.rawValue)" } ?? "")
    }

    /// `a 120x120 input, with Conv2d_2b_3x3 switched to VALID`.
    var phrase: String {
        "\(article(inputSize)) \(inputSize)x\(inputSize) input" + (override.map { ", with `\($0.layer)` switched to \($0.padding.rawValue)" } ?? "")
    }
}

/// One layer's padding replaced.
public struct PaddingChange: Sendable, Hashable {
    public let layer: String
    public let padding: Padding

    public init(layer: String, padding: Padding) {
        self.layer = layer
        self.padding = padding
    }
}

/// `an` before a number read aloud with a vowel sound (8, 11, 18, 80, 800, 8000, 11000, ...), else `a`.
func article(_ number: Int) -> String {
    let digits = String(number)
    let vowel = digits.hasPrefix("8") || ((digits.hasPrefix("11") || digits.hasPrefix("18")) && digits.count % 3 == 2)
    return vowel ? "an" : "a"
}
