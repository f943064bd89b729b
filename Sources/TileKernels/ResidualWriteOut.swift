import CPrefetch

/// A residual block's add on a tile of C the kernel has just stored (the up
/// projection's `A * B + bias`, in L1): `v = shortcut + scale * v`, then `max(v, 0)`
/// when `relu` (0 for -0 as well, NaN kept).
///
/// Compiled in each tile-kernel module (this file is linked into `TileKernelsFMA` and
/// `TileKernelsAVX512`), so that the read-back runs in the kernel's vector width: with AVX2 it reads
/// the tile back in the 32-byte halves the kernel stored (the loads are forwarded from
/// the stores), where a baseline build's 16-byte loads of them stalled.
extension Tiles {
    /// Rows `0 ..< height`, columns `0 ..< width` (at most 16) of a tile: the product's
    /// values at `up` (rows `ldu` apart), the shortcut's at `shortcut` (`ld` apart), the
    /// sums written to `c` (`ldc` apart). `c` may be `up` (the kernel stored the product
    /// in C) or `shortcut` (the block's output written over its input): each value is
    /// read before it is written. Returns the sum of `x - x` over the values written: 0
    /// while all are finite, NaN once one is not.
    @discardableResult
    public static func residualWriteOut(
        up: UnsafePointer<Float>, ldu: Int, shortcut: UnsafePointer<Float>, ld: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, height: Int, width: Int, scale: Float, relu: Bool
    ) -> Float {
        typealias V = SIMD8<Float>
        var finiteness = V()
        for r in 0..<height {
            let product = up + r * ldu
            let x = shortcut + r * ld
            let out = c + r * ldc
            if width == 16 {
                for half in 0..<2 {
                    let v = residualAdd(
                        UnsafeRawPointer(x + 8 * half).loadUnaligned(as: V.self),
                        UnsafeRawPointer(product + 8 * half).loadUnaligned(as: V.self), scale: scale, relu: relu)
                    UnsafeMutableRawPointer(out + 8 * half).storeBytes(of: v, as: V.self)
                    finiteness += v - v
                }
            } else {
                for j in 0..<width {
                    let v = residualAdd(x[j], product[j], scale: scale, relu: relu)
                    out[j] = v
                    finiteness[0] += v - v
                }
            }
        }
        return laneSum(finiteness)
    }

    /// Asks for the lines of a tile's `height` rows of 16 floats at `p` (rows `ld` apart),
    /// which the residual add reads after the kernel: they then come in from L2 or beyond
    /// while the tile computes. (The kernel asks for the lines it stores to, which are the
    /// scratch tile's when the add writes C.)
    @inline(__always)
    public static func prefetchTile(_ p: UnsafePointer<Float>, ld: Int, height: Int) {
        for row in 0..<height {
            prefetchForRead(p + row * ld)
            prefetchForRead(p + row * ld + 15)
        }
    }

    /// `x + scale * up`, then ReLU when asked: the one formula of the residual add,
    /// fused or not (two roundings, never contracted into a fused multiply-add).
    @inlinable @inline(__always)
    public static func residualAdd(_ x: SIMD8<Float>, _ up: SIMD8<Float>, scale: Float, relu: Bool) -> SIMD8<Float> {
        let v = x + scale * up
        return relu ? v.replacing(with: 0, where: v .<= 0) : v
    }

    /// One value of `residualAdd`.
    @inlinable @inline(__always)
    public static func residualAdd(_ x: Float, _ up: Float, scale: Float, relu: Bool) -> Float {
        let v = x + scale * up
        return relu ? Swift.max(v, 0) : v
    }
}
