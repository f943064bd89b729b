/// A set of input sizes told as briefly as the enumeration allows: ranges (`60-74`), a
/// progression (`75 + 32k`), or "the other sizes of a range" — derived, never assumed.
struct SizeSet: CustomStringConvertible {
    let description: String

    /// `members` (sorted) among the sizes of `range`. `complementOf`: a set these members fill
    /// the gaps of, so "76-340 except 75 + 32k" can be said instead of 9 ranges.
    init(_ members: [Int], within range: ClosedRange<Int>, complementOf other: [Int] = []) {
        let runs = Self.runs(members)
        if runs.count <= 3 {
            description = runs.map(Self.text).joined(separator: ", ")
        } else if let progression = Self.progression(members, upTo: range.upperBound) {
            description = progression
        } else if !other.isEmpty, let progression = Self.progression(other, upTo: range.upperBound),
            Self.runs((members + other).sorted()).count == 1
        {
            _ = progression
            description = "the other sizes from \(members.first!) to \(members.last!)"
        } else {
            let shown = runs.prefix(4).map(Self.text).joined(separator: ", ")
            description = shown + (runs.count > 4 ? " and \(runs.count - 4) more ranges" : "")
        }
    }

    /// Maximal runs of consecutive sizes.
    static func runs(_ members: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for member in members {
            if let last = runs.last, last.upperBound + 1 == member { runs[runs.count - 1] = last.lowerBound...member } else { runs.append(member...member) }
        }
        return runs
    }

    static func text(_ run: ClosedRange<Int>) -> String {
        run.count == 1 ? "\(run.lowerBound)" : "\(run.lowerBound)-\(run.upperBound)"
    }

    /// `75 + 32k` (one or two residues) when the members are exactly every size from the
    /// first member to `upper` with those residues modulo the smallest period that works.
    static func progression(_ members: [Int], upTo upper: Int) -> String? {
        guard members.count >= 3, let first = members.first else { return nil }
        let set = Set(members)
        for period in 2...max(2, (upper - first) / 2) {
            let residues = Set(members.map { $0 % period })
            guard residues.count <= 2 else { continue }
            let expected = (first...upper).filter { residues.contains($0 % period) }
            guard expected.count == set.count, expected.allSatisfy(set.contains) else { continue }
            let starts = residues.map { residue in members.first { $0 % period == residue }! }.sorted()
            return starts.map { "\($0) + \(period)k" }.joined(separator: " and ")
                + " (\(members.prefix(3).map(String.init).joined(separator: ", ")), ... \(members.last!))"
        }
        return nil
    }
}
