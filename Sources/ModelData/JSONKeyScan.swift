/// A scan of JSON text for an object's keys, which `JSONSerialization` deduplicates silently.
enum JSONKeyScan {
    /// The first key of the top-level object that appears twice (as written, escapes
    /// not decoded), or nil. The text must already be known to be valid JSON.
    static func repeatedTopLevelKey(in bytes: UnsafeRawBufferPointer) -> String? {
        var seen = Set<[UInt8]>()
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                let text = Array(bytes[start..<min(index, bytes.count)])
                if depth == 1, isFollowedByColon(bytes, after: index), !seen.insert(text).inserted {
                    return String(decoding: text, as: UTF8.self)
                }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Whether the next non-space byte after `index` is a colon (the string was a key).
    private static func isFollowedByColon(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Bool {
        var next = index + 1
        while next < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
        return next < bytes.count && bytes[next] == UInt8(ascii: ":")
    }
}
