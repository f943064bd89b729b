import NetworkModel

/// Which rows `explore table` shows: a block or path pattern and/or one kind of layer.
public struct TableFilter: Sendable {
    /// The kinds of layer `--only` picks.
    public enum Only: String, CaseIterable, Sendable {
        /// Layers whose window reads padding cells.
        case padded
        /// Layers whose windows never read some input rows or columns.
        case lossy
        /// Layers whose padding a what-if changed.
        case overridden
    }

    /// `Mixed_6a` (the layer and everything inside it) or a glob over paths (`Block17_*/Branch_1/*`).
    public var pattern: String?
    public var only: Only?

    public init(pattern: String? = nil, only: Only? = nil) {
        self.pattern = pattern
        self.only = only
    }

    public var isActive: Bool { pattern != nil || only != nil }

    /// The entries the filter keeps, in order.
    public func apply(_ entries: [LedgerEntry], configuration: NetworkConfiguration) -> [LedgerEntry] {
        entries.filter { entry in
            if let pattern, !Self.matches(entry.name, pattern: pattern) { return false }
            switch only {
            case nil: return true
            case .padded: return entry.pad.array.contains { $0 > 0 }
            case .lossy: return entry.isLossy
            case .overridden: return configuration.paddingOverrides[entry.name] != nil
            }
        }
    }

    /// `no layer matches 'X': did you mean ...?` (or `no layer matches 'X'` and `otherwise`
    /// when nothing is near), nil when some name matches.
    public static func noMatch(_ pattern: String, in names: [String], otherwise: String = "") -> String? {
        guard !names.contains(where: { matches($0, pattern: pattern) }) else { return nil }
        let suggestions = NameSuggestions.nearest(to: pattern, in: names)
        return "no layer matches '\(pattern)'"
            + (suggestions.isEmpty
                ? otherwise
                : ": did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?")
    }

    /// A name matches a plain pattern when it is the pattern or lies inside it (`Mixed_6a/...`);
    /// a pattern with `*` or `?` is a glob over the whole path (`*` crosses `/`).
    public static func matches(_ name: String, pattern: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else {
            return name == pattern || name.hasPrefix(pattern + "/")
        }
        return glob(Array(name), Array(pattern))
    }

    private static func glob(_ name: [Character], _ pattern: [Character]) -> Bool {
        // Iterative matcher with one backtrack point per `*` (linear in practice, never exponential).
        var n = 0
        var p = 0
        var starP = -1
        var starN = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == name[n]) {
                n += 1
                p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                starP = p
                starN = n
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starN += 1
                n = starN
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
