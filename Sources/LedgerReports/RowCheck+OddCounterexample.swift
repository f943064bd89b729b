import NetworkModel

extension RowCheck {
    /// An odd map that still loses pixels, so "odd" cannot be the rule: 17 with a 2-wide, stride-2 window.
    /// The lost count comes from the window arithmetic, not from this text.
    static var oddCounterexample: String {
        let size = 17
        let kernel = 2
        let stride = 2
        guard let window = AxisWindow(inputLength: size, kernel: kernel, stride: stride, padding: .valid) else { return "" }
        let lost = window.lostIndices.count
        return
            "odd is no guarantee: \(size) with kernel \(kernel), stride \(stride) loses \(lost) row\(lost == 1 ? "" : "s") ((\(size) - \(kernel)) mod \(stride) = \((size - kernel) % stride); explore pad --size \(size) --kernel \(kernel) --stride \(stride) --padding VALID)"
    }
}
