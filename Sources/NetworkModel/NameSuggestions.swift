/// Nearest names to a misspelt one, for "did you mean" errors.
public enum NameSuggestions {
    /// Up to `limit` candidates closest to `name`: exact case-insensitive matches and
    /// names containing it first, then the smallest edit distances.
    public static func nearest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        // A name far longer than every candidate suggests nothing; the edit distance
        // would cost its length times each candidate's.
        guard name.utf8.count <= longestName else { return [] }
        let lowered = name.lowercased()
        let scored = candidates.map { candidate -> (String, Int) in
            let other = candidate.lowercased()
            if other == lowered { return (candidate, -2) }
            if other.hasSuffix(lowered) || other.hasPrefix(lowered) { return (candidate, -1) }
            return (candidate, editDistance(lowered, other))
        }
        let cutoff = max(3, name.count / 2)
        return
            scored
            .filter { $0.1 <= cutoff }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.count < $1.0.count }
            .prefix(limit)
            .map(\.0)
    }

    /// Longest name searched for suggestions (layer paths are under 80 characters).
    public static let longestName = 256

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
