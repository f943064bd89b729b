import Testing

@testable import GEMM

@Suite("The FMA peak probe")
struct FMAPeakTests {
    @Test("Each of the 12 chains does `steps` fused multiply-adds: a += 0.999999 * 1e-7")
    func chainsComputeTheirRecurrence() {
        let steps = 5_000
        var a: Float = 1
        for _ in 0..<steps { a = a.addingProduct(0.999_999, 1e-7) }
        // 12 identical chains of 8 lanes each (16 in the 512-bit tiles), summed.
        let expected = 12 * Float(TileCode.selected.lanes) * a
        let found = FMAPeak.chains(steps: steps)
        #expect(abs(found - expected) <= 1e-5 * expected, "chains gave \(found), the recurrence \(expected)")
        #expect(a > 1.0005, "the recurrence did not move: \(a)")
    }

    @Test("The measured peak is a positive rate")
    func measures() {
        let peak = FMAPeak.measure(threads: 1, seconds: 0.005, rounds: 1)
        // Any positive figure: an unoptimised (debug) build on a busy machine gives well
        // under 1 GFLOPS; zero, infinite or NaN would mean the count or the clock is wrong.
        #expect(peak > 0 && peak.isFinite, "\(peak) GFLOPS")
    }
}
