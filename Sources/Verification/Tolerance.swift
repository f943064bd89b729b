/// When a computed value agrees with the reference: `|a - b| <= atol + rtol * |b|`,
/// with `atol = absoluteToScale * s` and `s` the reference layer's root mean square.
///
/// Why these shapes: both implementations compute in float32 but sum their products
/// in different orders (Keras/oneDNN blocks and vectorises, ours loops or packs for
/// GEMM). A reordered float32 sum of K terms differs by about `sqrt(K) * 2^-24 *
/// sum|terms|`, which scales with the layer's typical magnitude, not with the one
/// output value (a value near zero after cancellation carries the error of its big
/// terms) — hence an absolute part proportional to the layer's RMS. The relative
/// part covers values larger than the RMS. Differences also travel: each layer
/// inherits the differences of all layers before it, so the tolerance has to cover
/// what 40 residual blocks accumulate, while staying far below what a wrong
/// convention causes (the smallest one we test, batch norm without its epsilon,
/// is a 0.03%..0.1% per-channel scale error at the very first layer).
public struct Tolerance: Sendable, Equatable, Codable {
    /// rtol.
    public var relative: Double
    /// atol divided by the layer's RMS.
    public var absoluteToScale: Double

    public init(relative: Double, absoluteToScale: Double) {
        self.relative = relative
        self.absoluteToScale = absoluteToScale
    }

    /// Float32 summed in another order, through the whole network: rtol 1e-4, atol 5e-5 x
    /// the layer's RMS, the one tolerance `explore verify` uses. Its closing line reports the
    /// worst relative error actually seen (docs/golden-format.md).
    public static let float32Reordered = Tolerance(relative: 1e-4, absoluteToScale: 5e-5)

    /// The largest difference allowed for a reference value `reference` in a layer of RMS `scale`.
    @inline(__always)
    public func allowed(reference: Double, scale: Double) -> Double {
        absoluteToScale * scale + relative * abs(reference)
    }

    /// `|a - b| <= atol + rtol * |ref|, rtol 1e-4, atol 5e-5 x the layer's RMS`.
    public var description: String {
        "|a - b| <= atol + rtol * |ref|, rtol \(Self.format(relative)), atol \(Self.format(absoluteToScale)) x the layer's RMS"
    }

    static func format(_ value: Double) -> String {
        var exponent = 0
        var mantissa = value
        while mantissa != 0 && abs(mantissa) < 1 {
            mantissa *= 10
            exponent -= 1
        }
        let rounded = (mantissa * 100).rounded() / 100
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return exponent == 0 ? text : "\(text)e\(exponent)"
    }
}
