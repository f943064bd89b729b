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
        let rows = expected.count, columns = actual.count
        let matchers = expected.map { $0.matcher() }
        let width = columns + 1
        // cost[i * width + j]: the cheapest alignment of expected[i...] with actual[j...].
        var cost = [Int32](repeating: 0, count: (rows + 1) * width)
        for j in 0...columns { cost[rows * width + j] = Int32(columns - j) }
        for i in stride(from: rows - 1, through: 0, by: -1) {
            let isWildcard = expected[i] == .wildcard
            cost[i * width + columns] = cost[(i + 1) * width + columns] + (isWildcard ? 0 : 1)
            for j in stride(from: columns - 1, through: 0, by: -1) {
                if isWildcard {
                    cost[i * width + j] = min(cost[(i + 1) * width + j], cost[i * width + j + 1])
                } else {
                    var best = min(cost[(i + 1) * width + j], cost[i * width + j + 1]) + 1
                    if matchers[i](actual[j]) { best = min(best, cost[(i + 1) * width + j + 1]) }
                    cost[i * width + j] = best
                }
            }
        }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < rows || j < columns {
            let here = cost[i * width + j]
            if i < rows, expected[i] == .wildcard {
                var end = j
                while end < columns, cost[i * width + end + 1] == here { end += 1 }
                // The wildcard takes actual[j..<end]; the rest aligns with what follows it.
                while cost[(i + 1) * width + end] != here { end -= 1 }
                operations.append(.wildcard(expected: i, actual: j..<end))
                i += 1; j = end
            } else if i < rows, j < columns, matchers[i](actual[j]), cost[(i + 1) * width + j + 1] == here {
                operations.append(.same(expected: i, actual: j)); i += 1; j += 1
            } else if i < rows, cost[(i + 1) * width + j] + 1 == here {
                operations.append(.removed(expected: i)); i += 1
            } else {
                operations.append(.added(actual: j)); j += 1
            }
        }
        self.operations = operations
        self.cost = Int(cost[0])
    }
}
