/// The weights a backend computes with, against the checksums the reference recorded.
public struct WeightReport: Sendable, Codable {
    /// One tensor whose values differ from the reference's.
    public struct Difference: Sendable, Codable {
        public let name: String
        public let expectedChecksum: String
        public let foundChecksum: String
        public let expectedSum: Double
        public let foundSum: Double
        public let expectedFirst: [Double]
        public let foundFirst: [Double]
    }

    public let source: String
    public let checked: Int
    public let differences: [Difference]
    /// Tensors the source could not give (error text by name).
    public let unavailable: [String: String]

    public var passed: Bool { differences.isEmpty && unavailable.isEmpty }

    /// One line: `900 weight tensors match the reference's checksums` or what differs.
    public var summary: String {
        if passed { return "\(checked) weight tensors match the reference's checksums (\(source))" }
        var parts: [String] = []
        if let first = differences.first {
            parts.append(
                "weights differ: \(differences.count) of \(checked) tensors have other values than the reference used (first: \(first.name), sum \(first.foundSum) vs \(first.expectedSum), first values \(first.foundFirst) vs \(first.expectedFirst)); the Swift generator and scripts/golden/generated_weights.py disagree, or the golden file was made with other weights"
            )
        }
        if let (name, error) = unavailable.sorted(by: { $0.key < $1.key }).first {
            parts.append("\(unavailable.count) tensors unavailable (first: \(name): \(error))")
        }
        return parts.joined(separator: "; ")
    }
}
