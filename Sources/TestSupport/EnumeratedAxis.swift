import NetworkModel

/// One axis of a window op worked out the slow way, for tests to hold the window arithmetic
/// to: windows placed one by one and the pixels they read marked.
public struct EnumeratedAxis: Equatable, Sendable {
    public var output: Int
    /// Padding before the first pixel and after the last.
    public var before: Int
    public var after: Int
    /// Indices of the pixels no window reads.
    public var lost: [Int]

    public init(output: Int, before: Int, after: Int, lost: [Int]) {
        self.output = output
        self.before = before
        self.after = after
        self.lost = lost
    }

    /// Windows placed one by one, each reading taps `start + t * rate` (`rate` 1: a plain
    /// window). VALID: windows start at 0, s, 2s, ... while the last tap fits (nil when none
    /// does). SAME: one window per `i * s < n` (TensorFlow's count), and the smallest total
    /// padding that lets the last tap of the last window fit, split with the smaller half first.
    public static func enumerate(length n: Int, kernel k: Int, stride s: Int, rate r: Int = 1, padding: Padding) -> EnumeratedAxis? {
        let span = (k - 1) * r + 1
        var starts: [Int] = []
        var before = 0
        var after = 0
        switch padding {
        case .valid:
            var start = 0
            while start + span <= n {
                starts.append(start)
                start += s
            }
            if starts.isEmpty { return nil }
        case .same:
            var count = 0
            while count * s < n { count += 1 }
            var total = 0
            while (count - 1) * s + span > n + total { total += 1 }
            before = total / 2
            after = total - before
            starts = (0..<count).map { $0 * s - before }
        }
        var read = [Bool](repeating: false, count: n)
        for start in starts {
            for tap in 0..<k where (0..<n).contains(start + tap * r) { read[start + tap * r] = true }
        }
        return EnumeratedAxis(output: starts.count, before: before, after: after, lost: (0..<n).filter { !read[$0] })
    }
}
