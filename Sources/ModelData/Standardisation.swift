/// How raw samples (0...255) become network inputs.
public enum Standardisation: String, Sendable, CaseIterable {
    /// FaceNet's fixed standardisation: `(x - 127.5) / 128`.
    case fixed
    /// TensorFlow's `per_image_standardization`: `(x - mean) / max(std, 1 / sqrt(N))`,
    /// mean and (population) std over all N = H*W*C samples.
    case perImage = "per-image"

    /// The standardised samples.
    public func apply(_ samples: [Float]) -> [Float] {
        switch self {
        case .fixed:
            return samples.map { ($0 - 127.5) / 128 }
        case .perImage:
            guard !samples.isEmpty else { return samples }
            let count = Double(samples.count)
            let mean = samples.reduce(0.0) { $0 + Double($1) } / count
            let variance = samples.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
            let divisor = Float(max(variance.squareRoot(), 1 / count.squareRoot()))
            let center = Float(mean)
            return samples.map { ($0 - center) / divisor }
        }
    }
}
