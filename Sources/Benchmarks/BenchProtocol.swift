import GEMM

/// The one way `explore bench` times anything: a naive pass, a fast pass, a GEMM kernel,
/// a ladder step.
///
/// Every subject of one comparison gets the same treatment, so that a reader who wants a
/// figure to be wrong finds nothing to pick at:
/// - the same number of untimed warm-up calls, all made before the first timed sample;
/// - the same number of timed samples (at least `minimumSamples`), each `callsPerSample`
///   calls long, reported as seconds per call;
/// - the subjects' order rotated round by round (A B C, B C A, C A B, ...), so that none
///   always runs first, on a cooler machine, or last, after the others warmed it;
/// - the median and the spread (min...max) reported, with the subject's thread count;
/// - ratios between subjects computed from medians only (`Measurement.ratio`).
public struct BenchProtocol: Sendable, Equatable {
    /// Untimed calls of each subject before the first timed sample of any.
    public let warmUpCalls: Int
    /// Timed samples of each subject.
    public let samples: Int

    /// The fewest samples a median and a spread are reported from.
    public static let minimumSamples = 5

    /// The protocol `explore bench` uses unless told `--samples`.
    public static let frozen = BenchProtocol(warmUpCalls: 1, samples: 7)!

    /// A protocol with `samples` timed samples; nil when fewer than `minimumSamples` or no warm-up.
    public init?(warmUpCalls: Int, samples: Int) {
        guard warmUpCalls >= 1, samples >= Self.minimumSamples else { return nil }
        self.warmUpCalls = warmUpCalls
        self.samples = samples
    }

    /// One thing to time: a name, the threads it runs on, and one call of its work.
    public struct Subject {
        public let name: String
        public let threads: Int
        public let call: () throws -> Void

        public init(name: String, threads: Int, call: @escaping () throws -> Void) {
            self.name = name
            self.threads = threads
            self.call = call
        }
    }

    /// Times `subjects` under this protocol: warm-ups in order, then `samples` rounds, round
    /// `r` starting at subject `r % subjects.count`. `settle` runs before every timed sample of
    /// every subject, untimed (e.g. to let another library's spinning threads leave the cores).
    /// `clock` gives seconds; tests pass a fake one. Results come back in `subjects`' order.
    public func measure(
        _ subjects: [Subject], callsPerSample: Int = 1, settle: () -> Void = {},
        clock: () -> Double = MonotonicClock.seconds
    ) throws -> [Measurement] {
        precondition(callsPerSample >= 1, "callsPerSample must be positive")
        for subject in subjects {
            for _ in 0..<warmUpCalls { try subject.call() }
        }
        var seconds = [[Double]](repeating: [], count: subjects.count)
        for round in 0..<samples where !subjects.isEmpty {
            for index in Self.order(round: round, count: subjects.count) {
                settle()
                let start = clock()
                for _ in 0..<callsPerSample { try subjects[index].call() }
                seconds[index].append((clock() - start) / Double(callsPerSample))
            }
        }
        return zip(subjects, seconds).map { subject, samples in
            Measurement(name: subject.name, threads: subject.threads, samples: samples)
        }
    }

    /// The order round `round` runs `count` subjects in (indices into the subject list).
    public static func order(round: Int, count: Int) -> [Int] {
        (0..<count).map { (round + $0) % count }
    }
}
