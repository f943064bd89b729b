import GEMM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cores, clock and the FMA peak.
struct BenchMachine {
    let cores: Int
    /// The clock `/proc/cpuinfo` gives (nominal: a virtual machine's cores run boosted).
    let gigahertz: Double
    /// The 1-minute load average when the bench started (other work sharing the cores).
    let loadAverage: Double?
    /// `FMAPeak.measure()`: register-only FMA chains on all cores (at the start and
    /// the end of the bench, the higher).
    var peakGFLOPS: Double

    /// cores x 2 FMA pipes x 8 (AVX-512: 16) float lanes x 2 flops x the nominal clock.
    var nominalPeakGFLOPS: Double { Double(cores) * 2 * Double(TileCode.selected.lanes) * 2 * gigahertz }

    static func current() -> BenchMachine {
        var megahertz = 0.0
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu MHz") }),
            let value = line.split(separator: ":").last.flatMap({ Double($0.trimmingPrefix(" ").split(separator: " ").first ?? "") })
        {
            megahertz = value
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first }.flatMap { Double($0) }
        return BenchMachine(
            cores: FastGEMM.defaultThreads, gigahertz: megahertz / 1000, loadAverage: load,
            peakGFLOPS: FMAPeak.measure())
    }

    /// The process's peak resident set so far (`getrusage`'s `ru_maxrss`), in MB.
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc imports RUSAGE_SELF as an enum case
        let bytes = Double(usage.ru_maxrss) * 1024  // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        let bytes = Double(usage.ru_maxrss)  // bytes on Darwin
        #endif
        return bytes / 1_000_000
    }

    /// Sleeps `seconds`, so that threads that ran before (another library's spinning workers)
    /// leave the cores before the next sample.
    static func pause(seconds: Double) {
        usleep(useconds_t(seconds * 1e6))
    }
}
