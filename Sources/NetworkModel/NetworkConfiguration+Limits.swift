/// The one definition of the what-if ranges, shared by the command line and the REPL.
extension NetworkConfiguration {
    /// Sides (height and width) the explorer accepts. Activations grow with the square of the side: at 1024
    /// one pass keeps about 41 times the 160 figures, which is as far as a laptop with a
    /// few GiB goes; beyond it every count the ledger prints stays well inside 64 bits.
    public static let inputSizeRange = 1...1024
    /// Bottleneck widths accepted: the layer's weights are 1536 x width floats, 96 MiB at the top.
    public static let bottleneckRange = 1...16384

    /// Throws `NetworkError.invalidConfiguration` naming the knob, its range and why.
    public func validate() throws(NetworkError) {
        guard Self.inputSizeRange.contains(input.height), Self.inputSizeRange.contains(input.width) else {
            throw .invalidConfiguration(
                "input size \(input.compactDescription) is outside \(Self.inputSizeRange.lowerBound)...\(Self.inputSizeRange.upperBound): "
                    + "activations grow with the square of the side, so the explorer stops at \(Self.inputSizeRange.upperBound) (e.g. --input-size 160)")
        }
        guard Self.bottleneckRange.contains(bottleneck) else {
            throw .invalidConfiguration(
                "bottleneck width \(bottleneck) is outside \(Self.bottleneckRange.lowerBound)...\(Self.bottleneckRange.upperBound): "
                    + "its weights are 1536 x width floats, so the explorer stops at \(Self.bottleneckRange.upperBound) (e.g. --bottleneck 1024)")
        }
        guard Self.outputStrides.contains(outputStride) else {
            throw .invalidConfiguration("output stride \(outputStride) is not one TF-Slim builds: give 8 or 16")
        }
    }
}
