/// The sum of a vector's eight lanes, as two vector adds and a scalar one: `SIMD.sum()`
/// is an outlined call in the tile-kernel modules, and the kernels sum once per tile.
/// (Compiled into each tile-kernel module with the kernels; see `MicroKernel.swift`.)
@inline(__always)
func laneSum(_ vector: SIMD8<Float>) -> Float {
    let half = vector.lowHalf + vector.highHalf
    let quarter = half.lowHalf + half.highHalf
    return quarter[0] + quarter[1]
}
