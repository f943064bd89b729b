/// Which kernels a window question may use: `3x3`-style squares, or `1x7` / `7x1` strips.
public enum KernelShape: String, Sendable, Hashable, CaseIterable {
    case square
    case strip = "1xn"
}
