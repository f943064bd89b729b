import Tensors

extension FiniteSum {
    /// Adds rows `0..<height`, columns `0..<width` (at most 16) of the matrix at `c`:
    /// one tile of C just written, read back while it is in L1.
    @inline(__always)
    mutating func add(_ c: UnsafePointer<Float>, ldc: Int, height: Int, width: Int) {
        if width == 16 {
            for r in 0..<height { add(UnsafeRawPointer(c + r * ldc).loadUnaligned(as: SIMD16<Float>.self)) }
        } else {
            for r in 0..<height {
                for j in 0..<width { add(c[r * ldc + j]) }
            }
        }
    }
}
