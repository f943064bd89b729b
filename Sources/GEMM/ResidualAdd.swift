import TileKernels

/// A residual block's add, done in the write-out of the multiply that makes its up
/// projection: `C = shortcut + scale * (A * B + bias)`, then `max(., 0)` when `relu`.
/// `shortcut` is laid out like C: row `i` starts at `shortcut + i * ld`.
///
/// Each tile of C is written right after the kernel stored its product, while that is
/// in L1 (`Tiles.residualWriteOut`, in the kernels' code generation), instead of in a
/// pass of its own that reads C and the shortcut again and writes a third map
/// (Inception-ResNet's up projections feed nothing but their block's add). With one K
/// block the product goes to a scratch tile, so C may be the shortcut itself
/// (`FastGEMM.multiply(m:a:lda:b:c:ldc:bias:residual:)`). Both ways use one formula
/// (`Tiles.residualAdd`), so they round alike.
public struct ResidualAdd: @unchecked Sendable {
    public let shortcut: UnsafePointer<Float>
    public let ld: Int
    public let scale: Float
    public let relu: Bool

    public init(shortcut: UnsafePointer<Float>, ld: Int, scale: Float, relu: Bool) {
        self.shortcut = shortcut
        self.ld = ld
        self.scale = scale
        self.relu = relu
    }

    /// The same add for the part of C from row `row`, column `column` on.
    func moved(toRow row: Int, column: Int) -> ResidualAdd {
        ResidualAdd(shortcut: shortcut + row * ld + column, ld: ld, scale: scale, relu: relu)
    }

    /// `x + scale * up`, then ReLU when asked: `Tiles.residualAdd` (the tile kernels'
    /// write-out applies the same formula) on each half.
    @inlinable @inline(__always)
    public static func combine(_ x: SIMD16<Float>, _ up: SIMD16<Float>, scale: Float, relu: Bool) -> SIMD16<Float> {
        SIMD16(
            lowHalf: Tiles.residualAdd(x.lowHalf, up.lowHalf, scale: scale, relu: relu),
            highHalf: Tiles.residualAdd(x.highHalf, up.highHalf, scale: scale, relu: relu))
    }

    /// One value of `combine`.
    @inlinable @inline(__always)
    public static func combine(_ x: Float, _ up: Float, scale: Float, relu: Bool) -> Float {
        Tiles.residualAdd(x, up, scale: scale, relu: relu)
    }
}
