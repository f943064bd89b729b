/// How nodes are filled: by op kind, or by values from a run.
///
/// The values are keyed by layer name (ledger names), so any module that times or
/// checks layers can hand them over; a node standing for several layers sums
/// their time shares and fails when any of its checked layers fails.
public enum Shading: Sendable, Equatable {
    /// Colours by op kind (the default).
    case opKind
    /// Layer -> fraction of the whole forward time (0...1).
    case timeShare([String: Double])
    /// Layer -> whether it agreed with the golden tensor.
    case verification([String: Bool])
}

/// What one node gets from a shading.
struct NodeShade: Equatable {
    let fill: String
    let line: String
}

extension Shading {
    /// The fill and the line to add for a node standing for `layers`, or nil for `.opKind`.
    /// `maximum` is the largest node time share of the diagram (the darkest fill).
    func shade(layers: [String], maximum: Double) -> NodeShade? {
        switch self {
        case .opKind:
            return nil
        case .timeShare(let shares):
            let known = layers.compactMap { shares[$0] }
            guard !known.isEmpty else { return NodeShade(fill: "#ffffff", line: "time: not measured") }
            let share = known.reduce(0, +)
            let level = maximum > 0 ? min(max(share / maximum, 0), 1) : 0
            return NodeShade(fill: Self.heat(level), line: "time \(Self.percent(share))")
        case .verification(let results):
            let known = layers.compactMap { name in results[name].map { (name, $0) } }
            guard !known.isEmpty else { return NodeShade(fill: "#eeeeee", line: "verify: not checked") }
            let failed = known.filter { !$0.1 }
            if failed.isEmpty {
                return NodeShade(fill: Self.pass, line: known.count == 1 ? "verify: pass" : "verify: \(known.count)/\(known.count) pass")
            }
            let first = failed[0].0
            return NodeShade(fill: Self.fail, line: "verify: \(failed.count)/\(known.count) FAIL (first \(first))")
        }
    }

    /// The time share of a node (0 when unknown), for finding the maximum.
    func timeShare(layers: [String]) -> Double {
        guard case .timeShare(let shares) = self else { return 0 }
        return layers.compactMap { shares[$0] }.reduce(0, +)
    }

    static let pass = "#b6d7a8"
    static let fail = "#ea9999"

    /// White (0) to orange (1), as `#rrggbb`; light enough at 1 for the badge colours to read.
    static func heat(_ level: Double) -> String {
        let low = (r: 255.0, g: 255.0, b: 255.0)
        let high = (r: 246.0, g: 150.0, b: 80.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * level).rounded()) }
        return "#" + [mix(low.r, high.r), mix(low.g, high.g), mix(low.b, high.b)].map(hex2).joined()
    }

    static func hex2(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        let v = min(max(value, 0), 255)
        return String([digits[v / 16], digits[v % 16]])
    }

    /// `12.3%`, `0.04%`.
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        let decimals = value >= 10 ? 1 : value >= 1 ? 2 : 3
        var scaled = (value * pow10(decimals)).rounded() / pow10(decimals)
        if scaled == 0 { scaled = 0 }
        var text = String(scaled)
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        }
        return text + "%"
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * 10 } }
}
