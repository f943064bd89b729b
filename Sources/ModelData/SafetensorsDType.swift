/// The element types a safetensors header may name, with their sizes in bytes.
/// Only `F32`, `F16` and `BF16` can be loaded (the last two widened to F32);
/// the others are known so that their offsets can still be checked.
enum SafetensorsDType {
    /// Dtypes the loader converts to Float32.
    static let loadable: Set<String> = ["F32", "F16", "BF16"]

    /// Bytes per element of every dtype of the safetensors format, nil for an unknown name.
    static func byteSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2": 1
        default: nil
        }
    }

    /// IEEE half precision to single, exactly (every half is a float).
    static func widenHalf(_ half: UInt16) -> Float {
        let sign: UInt32 = UInt32(half & 0x8000) << 16
        let exponent = UInt32(half >> 10) & 0x1f
        let mantissa = UInt32(half & 0x3ff)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa * 2^-24.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 31:
            return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }

    /// bfloat16 is the top half of a float32.
    static func widenBFloat(_ bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}
