import GEMM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenBLAS's `cblas_sgemm`, the benchmark's baseline, never used to compute the network.
///
/// It is looked up when the bench runs (`dlopen`), not linked: `explore` itself carries no
/// OpenBLAS, and a machine without the library still runs the bench, without this column.
struct OpenBLASGEMM: GEMM {
    /// `cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc)`.
    private typealias SGEMM =
        @convention(c) (
            Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void
    private typealias SetThreads = @convention(c) (Int32) -> Void

    /// CBLAS's `CblasRowMajor` and `CblasNoTrans`.
    private static let rowMajor: Int32 = 101, noTranspose: Int32 = 111

    /// Debian's libopenblas0 (through libopenblas-dev's link too), Homebrew's openblas.
    static let libraryNames = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "/opt/homebrew/opt/openblas/lib/libopenblas.dylib"]

    static let kernelName = "openblas"
    let name = kernelName

    private let sgemm: SGEMM
    private let setThreads: SetThreads?

    /// The library found first in `libraryNames`, or nil when none is installed.
    static let installed: OpenBLASGEMM? = {
        for library in libraryNames {
            guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL), let sgemm = dlsym(handle, "cblas_sgemm") else { continue }
            let setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
            return OpenBLASGEMM(sgemm: unsafeBitCast(sgemm, to: SGEMM.self), setThreads: setThreads)
        }
        return nil
    }()

    /// Gives OpenBLAS `threads` threads, like the fast kernel's pool.
    func use(threads: Int) {
        setThreads?(Int32(threads))
    }

    func multiply(_ o: GEMMOperands) {
        sgemm(
            Self.rowMajor, Self.noTranspose, Self.noTranspose, Int32(o.m), Int32(o.n), Int32(o.k),
            1, o.a, Int32(o.lda), o.b, Int32(o.ldb), o.accumulate ? 1 : 0, o.c, Int32(o.ldc))
    }
}
