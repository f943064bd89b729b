import Testing

@testable import Benchmarks

/// `BenchProtocol` on a fake clock: which subject ran when, and the arithmetic of every figure.
@Suite struct BenchProtocolTests {
    /// A clock that each subject's call advances by that subject's scripted durations.
    final class FakeClock {
        var now = 0.0
        func read() -> Double { now }
    }

    @Test func fewerThanFiveSamplesOrNoWarmUpIsRefused() {
        #expect(BenchProtocol(warmUpCalls: 1, samples: 4) == nil)
        #expect(BenchProtocol(warmUpCalls: 0, samples: 5) == nil)
        #expect(BenchProtocol(warmUpCalls: 1, samples: 5) != nil)
        #expect(BenchProtocol.frozen.samples >= BenchProtocol.minimumSamples)
    }

    @Test func everySubjectGetsTheSameWarmUpAndSamplesInRotatedOrder() throws {
        let protocol_ = try #require(BenchProtocol(warmUpCalls: 2, samples: 6))
        var log: [String] = []
        let subjects = ["a", "b", "c"].map { name in
            BenchProtocol.Subject(name: name, threads: 1) { log.append(name) }
        }
        _ = try protocol_.measure(subjects, callsPerSample: 1, clock: { 0 })
        // Warm-ups first, in order; then rounds starting a, b, c, a, b, c.
        #expect(log.prefix(6) == ["a", "a", "b", "b", "c", "c"])
        let rounds = stride(from: 6, to: log.count, by: 3).map { Array(log[$0..<$0 + 3]) }
        #expect(rounds == [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"], ["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]])
        // Over all rounds each subject ran first, second and last equally often.
        for name in ["a", "b", "c"] {
            for position in 0..<3 {
                #expect(rounds.filter { $0[position] == name }.count == 2)
            }
        }
    }

    @Test func samplesMedianSpreadAndRatioComeFromTheClock() throws {
        let protocol_ = try #require(BenchProtocol(warmUpCalls: 1, samples: 5))
        let clock = FakeClock()
        // Each call of "slow" takes the next of these seconds (warm-up first); "fast" always 0.5.
        var slowDurations = [100.0, 9, 3, 7, 5, 11]
        let slow = BenchProtocol.Subject(name: "slow", threads: 1) { clock.now += slowDurations.removeFirst() }
        let fast = BenchProtocol.Subject(name: "fast", threads: 2) { clock.now += 0.5 }
        let results = try protocol_.measure([slow, fast], callsPerSample: 1, clock: clock.read)

        #expect(results.map(\.name) == ["slow", "fast"])
        #expect(results[0].samples == [9, 3, 7, 5, 11])  // the warm-up's 100 s is not a sample
        #expect(results[0].median == 7)
        #expect(results[0].min == 3)
        #expect(results[0].max == 11)
        #expect(results[1].threads == 2)
        #expect(results[0].ratio(to: results[1]) == 14)  // 7 / 0.5: medians, not best or mean
    }

    @Test func aSampleOfSeveralCallsIsReportedPerCall() throws {
        let protocol_ = try #require(BenchProtocol(warmUpCalls: 1, samples: 5))
        let clock = FakeClock()
        var calls = 0
        let subject = BenchProtocol.Subject(name: "x", threads: 1) {
            calls += 1
            clock.now += 2
        }
        let result = try protocol_.measure([subject], callsPerSample: 4, clock: clock.read)[0]
        #expect(calls == 1 + 5 * 4)
        #expect(result.samples == [2, 2, 2, 2, 2])
    }

    @Test func anEvenCountHasTheMeanOfTheMiddleTwoAsMedian() {
        let measurement = Measurement(name: "x", threads: 1, samples: [4, 1, 3, 2, 10, 6])
        #expect(measurement.median == 3.5)
        #expect(measurement.json.serialized() == #"{"name":"x","threads":1,"samples":[4.0,1.0,3.0,2.0,10.0,6.0],"median":3.5,"min":1.0,"max":10.0}"#)
    }

    @Test func settleRunsBeforeEveryTimedSampleAndIsNotTimed() throws {
        let protocol_ = try #require(BenchProtocol(warmUpCalls: 1, samples: 5))
        let clock = FakeClock()
        var settles = 0
        let subject = BenchProtocol.Subject(name: "x", threads: 1) { clock.now += 1 }
        let result = try protocol_.measure(
            [subject, subject], callsPerSample: 1,
            settle: {
                settles += 1
                clock.now += 1000
            }, clock: clock.read)
        #expect(settles == 10)
        #expect(result.allSatisfy { $0.samples == [1, 1, 1, 1, 1] })
    }
}
