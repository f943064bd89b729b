/// An order-sensitive 64-bit checksum of float32 values, as scripts/golden computes it.
///
/// `sum over i (wrapping) of mix(UInt64(bits(x_i)) | UInt64(i) << 32)`, with `mix`
/// SplitMix64's output function. It changes when any value's bits or position do,
/// and numpy computes it in one vectorised pass.
public enum WeightChecksum {
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func of<C: Collection>(_ values: C) -> UInt64 where C.Element == Float {
        var sum: UInt64 = 0
        var index: UInt64 = 0
        for value in values {
            sum = sum &+ mix(UInt64(value.bitPattern) | (index << 32))
            index &+= 1
        }
        return sum
    }

    /// `0x` and 16 lowercase hex digits, as the golden file writes it.
    public static func hex(_ checksum: UInt64) -> String {
        let digits = String(checksum, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
