/// How the configuration's structural what-ifs are named in headers, diagrams and `where`.
extension NetworkConfiguration {
    /// `align_feature_maps`, `output stride 8 (...)`, `dilation LAYER=2`, `through Mixed_6a`:
    /// one phrase per what-if beyond the input size, bottleneck and paddings, empty as declared.
    public var structurePhrases: [String] {
        var phrases: [String] = []
        if alignFeatureMaps { phrases.append("align_feature_maps (the stem's and reductions' VALID windows made SAME)") }
        if outputStride != Self.defaultOutputStride {
            phrases.append("output stride \(outputStride) (Mixed_6a at stride 1, Block17 dilated by 2, ending at Block17_20)")
        }
        phrases += dilations.sorted { $0.key < $1.key }.map { "dilation \($0.key)=\($0.value)" }
        if let finalEndpoint { phrases.append("through \(finalEndpoint)") }
        return phrases
    }

    /// `160x160`, `330x400`.
    public var inputDescription: String { "\(input)" }
}
