import Foundation

/// The cheapest alignment of expected lines (with `...` wildcards and patterns) with actual lines:
/// the basis of the comparison, of the diff a drifted block prints, and of `update`'s rewrite.
struct OutputAlignment {
    /// One step of the alignment, in order.
    enum Operation: Equatable {
        /// Expected line `expected` accepts actual line `actual`.
        case same(expected: Int, actual: Int)
        /// The wildcard at `expected` stands for these actual lines (possibly none).
        case wildcard(expected: Int, actual: Range<Int>)
        /// Expected line `expected` has no counterpart.
        case removed(expected: Int)
        /// Actual line `actual` was not expected.
        case added(actual: Int)
    }

    let operations: [Operation]
    /// Number of removed plus added lines: 0 exactly when the output matches.
    let cost: Int

    init(expected: [ExpectedLine], actual: [String]) {
        let rows = expected.count
        let columns = actual.count
        let matchers = expected.map { $0.matcher() }
        let width = columns + 1
        // score[i * width + j]: the cheapest alignment of expected[i...] with actual[j...], where a
        // removed or added line costs `change` and a line a wildcard absorbs costs 1. So the fewest
        // changes win, and among those the one whose wildcards hide the fewest lines (`update` then
        // writes new lines out rather than letting a '...' swallow them).
        let change = columns + 1
        var score = [Int](repeating: 0, count: (rows + 1) * width)
        for j in 0...columns { score[rows * width + j] = (columns - j) * change }
        for i in stride(from: rows - 1, through: 0, by: -1) {
            let isWildcard = expected[i] == .wildcard
            score[i * width + columns] = score[(i + 1) * width + columns] + (isWildcard ? 0 : change)
            for j in stride(from: columns - 1, through: 0, by: -1) {
                if isWildcard {
                    score[i * width + j] = min(score[(i + 1) * width + j], score[i * width + j + 1] + 1)
                } else {
                    var best = min(score[(i + 1) * width + j], score[i * width + j + 1]) + change
                    if matchers[i](actual[j]) { best = min(best, score[(i + 1) * width + j + 1]) }
                    score[i * width + j] = best
                }
            }
        }
        var operations: [Operation] = []
        var i = 0
        var j = 0
        while i < rows || j < columns {
            let here = score[i * width + j]
            if i < rows, expected[i] == .wildcard {
                var end = j
                while end < columns, score[i * width + end] != score[(i + 1) * width + end] { end += 1 }
                operations.append(.wildcard(expected: i, actual: j..<end))
                i += 1
                j = end
            } else if i < rows, j < columns, matchers[i](actual[j]), score[(i + 1) * width + j + 1] == here {
                operations.append(.same(expected: i, actual: j))
                i += 1
                j += 1
            } else if i < rows, score[(i + 1) * width + j] + change == here {
                operations.append(.removed(expected: i))
                i += 1
            } else {
                operations.append(.added(actual: j))
                j += 1
            }
        }
        self.operations = operations
        self.cost = score[0] / change
    }
}
