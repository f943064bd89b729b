#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds since an arbitrary start, monotonic (`CLOCK_MONOTONIC`): the one clock of
/// the worker pool's spin limit, the FMA peak probe and `explore bench`'s timings.
public enum MonotonicClock {
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
