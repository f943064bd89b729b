/// FNV-1a, 64 bits: a stable hash of text for seeds and sheet fingerprints.
///
/// Swift's `Hasher` is seeded per process, so it cannot be used for anything written to a file.
/// This is a checksum against accidental or casual edits, not a cryptographic signature.
public enum FNV1a {
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        let digits = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
