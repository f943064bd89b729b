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
}

/// A what-if of this network: another input size or bottleneck, and some layers' padding changed.
public struct WhatIf: Sendable, Hashable {
    public let inputSize: Int
    public let bottleneck: Int
    /// Sorted by layer name, so equal what-ifs compare equal.
    public let overrides: [PaddingChange]

    public init(inputSize: Int, override: PaddingChange? = nil) {
        self.init(inputSize: inputSize, overrides: override.map { [$0] } ?? [])
    }

    public init(inputSize: Int, bottleneck: Int = NetworkConfiguration.defaultBottleneck, overrides: [PaddingChange]) {
        self.inputSize = inputSize
        self.bottleneck = bottleneck
        self.overrides = overrides.sorted { $0.layer < $1.layer }
    }

    /// The what-if of a configuration (a REPL session's settings).
    public init(_ configuration: NetworkConfiguration) {
        self.init(
            inputSize: configuration.inputSize, bottleneck: configuration.bottleneck,
            overrides: configuration.paddingOverrides.map { PaddingChange(layer: $0.key, padding: $0.value) })
    }

    public var configuration: NetworkConfiguration {
        NetworkConfiguration(
            inputSize: inputSize, bottleneck: bottleneck,
            paddingOverrides: Dictionary(overrides.map { ($0.layer, $0.padding) }, uniquingKeysWith: { _, last in last }))
    }

    /// The same what-if as `explore table` options.
    public var options: String {
        (["--input-size \(inputSize)"] + (bottleneck == NetworkConfiguration.defaultBottleneck ? [] : ["--bottleneck \(bottleneck)"])
            + overrides.map { "--padding \($0.layer)=\($0.padding.rawValue)" }).joined(separator: " ")
    }

    /// `a 120x120 input, with Conv2d_2b_3x3 switched to VALID`.
    var phrase: String {
        let switched = overrides.map { "`\($0.layer)` switched to \($0.padding.rawValue)" }
        return "\(article(inputSize)) \(inputSize)x\(inputSize) input" + (switched.isEmpty ? "" : ", with " + switched.joined(separator: " and "))
            + (bottleneck == NetworkConfiguration.defaultBottleneck ? "" : ", bottleneck \(bottleneck)")
    }
}

/// One layer's padding replaced.
public struct PaddingChange: Sendable, Hashable {
    public let layer: String
    public let padding: Padding
}

/// `an` before a number read aloud with a vowel sound (8, 11, 18, 80, 800, 8000, 11000, ...), else `a`.
func article(_ number: Int) -> String {
    let digits = String(number)
    let vowel = digits.hasPrefix("8") || ((digits.hasPrefix("11") || digits.hasPrefix("18")) && digits.count % 3 == 2)
    return vowel ? "an" : "a"
}
