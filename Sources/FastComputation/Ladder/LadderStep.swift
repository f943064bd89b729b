import GEMM
import NetworkModel

/// The optimisation ladder: one convolution computed seven ways, each step one idea
/// more than the last (the numbered GEMM tutorials' order). Steps 2-5 share im2col
/// (the fast backend's `FastOps.im2col`, on one thread); 5-7 are the project's own kernels.
public enum LadderStep: Int, CaseIterable, Sendable, Comparable {
    /// `Naive.conv2d`: seven nested loops over the map, as `NaiveBackend` computes.
    case naiveLoops = 1
    /// im2col, then `NaiveGEMM`'s triple loop (a dot product down a column of B per element).
    case naiveGEMM
    /// im2col, then `LoopOrderGEMM`: rows of B streamed into rows of C, blocked for the caches.
    case loopOrder
    /// im2col, then `PackedLoopsGEMM`: weights packed in panels once, A packed in slivers.
    case packing
    /// im2col, then `FastGEMM` on one thread: the hand-written 6x16 SIMD tile (FMA where the CPU has it).
    case microKernel
    /// The fast backend's convolution (`FastOps.convolution`) on all cores: windows read in place.
    case threads
    /// The fast backend's Winograd F(2x2, 3x3) (`WinogradConvolution`) on all cores.
    case winograd

    public static func < (lhs: LadderStep, rhs: LadderStep) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A short name for tables.
    public var title: String {
        switch self {
        case .naiveLoops: "naive loops (direct)"
        case .naiveGEMM: "im2col + naive GEMM"
        case .loopOrder: "loop order + blocking"
        case .packing: "packing"
        case .microKernel: "SIMD micro-kernel"
        case .threads: "threads (the network's path)"
        case .winograd: "Winograd F(2x2,3x3)"
        }
    }

    /// The threads the step computes on.
    public var threads: Int { self >= .threads ? FastGEMM.defaultThreads : 1 }

    /// Why this step cannot compute `layer`, or nil when it can. Only Winograd is picky:
    /// F(2x2, 3x3) is a 3x3 stride-1 algorithm, and its transforms run 8 channels at a time.
    public func unavailable(for layer: LadderLayer) -> String? {
        guard self == .winograd else { return nil }
        let g = layer.geometry
        if g.kernelHeight != 3 || g.kernelWidth != 3 { return "not applicable: a \(g.kernelHeight)x\(g.kernelWidth) kernel (3x3 only)" }
        if g.strideHeight != 1 || g.strideWidth != 1 { return "not applicable: stride \(g.strideHeight) (stride 1 only)" }
        if g.channels % 8 != 0 || g.filters % 8 != 0 { return "not applicable: channels not in multiples of 8" }
        return nil
    }
}
