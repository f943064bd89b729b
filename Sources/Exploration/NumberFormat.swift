import Foundation
import Tensors

/// How numbers are spelt in REPL and `explore step` output. Times always end in ` ms`,
/// which transcript tests rely on to blank them out.
public enum NumberFormat {
    /// Four significant digits: `0.4123`, `-12.35`, `3.2e-05`.
    public static func value(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x == 0 { return "0" }
        return String(format: "%.4g", x)
    }

    public static func value(_ x: Float) -> String { value(Double(x)) }

    /// `12.34 ms`.
    public static func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    /// `47.3%`.
    public static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

    /// `min 0 max 3.214 mean 0.4123 std 0.5521 zeros 52.1%` (and NaN/inf counts when any).
    public static func statistics(_ s: TensorStatistics) -> String {
        var text = "min \(value(s.min)) max \(value(s.max)) mean \(value(s.mean)) std \(value(s.standardDeviation)) zeros \(percent(s.zeroFraction))"
        if s.nanCount > 0 { text += " NaN \(s.nanCount)" }
        if s.infinityCount > 0 { text += " inf \(s.infinityCount)" }
        return text
    }

    /// A value in a fixed width for value windows: ` 0.1234`, `-12.35`.
    public static func cell(_ x: Float) -> String {
        let text = value(x)
        return String(repeating: " ", count: max(1, 10 - text.count)) + text
    }
}

extension NumberFormat {
    /// `3.4e-06`: error sizes.
    public static func scientific(_ x: Double) -> String { String(format: "%.1e", x) }
}
