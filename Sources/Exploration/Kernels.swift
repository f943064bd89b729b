/// Which kernels compute.
public enum Kernels: String, CaseIterable, Sendable {
    /// The reference loops (`NaiveBackend`).
    case naive
    /// Packed, blocked FMA GEMM on all cores, batch norm folded (`FastBackend`).
    case fast
}
