/// A JSON value whose objects keep their key order, so reports print keys as documented.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// Compact JSON text (`pretty` puts one array element or object member per line at the top level).
    public func serialized(pretty: Bool = false) -> String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? "\(value)" : "null"
        case .string(let value): return Self.quote(value)
        case .array(let values):
            let separator = pretty ? ",\n  " : ","
            return pretty && !values.isEmpty
                ? "[\n  " + values.map { $0.serialized() }.joined(separator: separator) + "\n]"
                : "[" + values.map { $0.serialized() }.joined(separator: ",") + "]"
        case .object(let members):
            let body = members.map { Self.quote($0.0) + ":" + $0.1.serialized() }
            return pretty && !members.isEmpty ? "{\n  " + body.joined(separator: ",\n  ") + "\n}" : "{" + body.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    public static func ints(_ values: [Int]) -> JSONValue { .array(values.map(JSONValue.int)) }
}
