import Foundation
import NetworkModel

extension ExerciseSet {
    /// Largest sizes a set may ask for: questions stay small enough to work by hand,
    /// and every product the ledger forms stays far from overflow.
    static let limits = (map: 1...1024, kernel: 1...15, stride: 1...8, inputSize: 1...1024, stackDepth: 1...8, width: 1...64, count: 1...100)

    /// Parses and checks a set file's JSON; `source` names the file in errors.
    public init(json bytes: [UInt8], source: String) throws(CourseworkError) {
        func fail(_ reason: String) -> CourseworkError { CourseworkError("set file '\(source)': \(reason)") }
        guard bytes.count <= 65_536 else { throw fail("larger than 64 KiB, not a set file") }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw fail("not valid JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else { throw fail("the top level must be a JSON object") }
        let known: Set<String> = [
            "name", "title", "count", "kinds", "map", "kernel", "stride", "padding", "kernelShapes",
            "inputSize", "breakInputSize", "stackDepth", "sizeRangeWidth", "layers", "overrides",
        ]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw fail("unknown field '\(unknown)' (fields: \(known.sorted().joined(separator: ", ")))")
        }

        func string(_ key: String) throws(CourseworkError) -> String {
            guard let value = fields[key] as? String else { throw fail("'\(key)' must be a string") }
            guard !value.isEmpty, value.count <= 200, !value.contains(where: \.isNewline) else {
                throw fail("'\(key)' must be one line of 1 to 200 characters")
            }
            return value
        }
        func integer(_ key: String, _ limit: ClosedRange<Int>) throws(CourseworkError) -> Int? {
            guard let raw = fields[key] else { return nil }
            guard let number = raw as? NSNumber, let value = Int(exactly: number.doubleValue), number.doubleValue.rounded() == number.doubleValue,
                limit.contains(value)
            else {
                throw fail("'\(key)' must be a whole number from \(limit.lowerBound) to \(limit.upperBound)")
            }
            return value
        }
        func range(_ key: String, _ limit: ClosedRange<Int>) throws(CourseworkError) -> ClosedRange<Int>? {
            guard let raw = fields[key] else { return nil }
            let message = "'\(key)' must be [min, max] with \(limit.lowerBound) <= min <= max <= \(limit.upperBound)"
            guard let pair = raw as? [Any], pair.count == 2,
                let low = (pair[0] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
                let high = (pair[1] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
                limit.contains(low), limit.contains(high), low <= high
            else { throw fail(message) }
            return low...high
        }
        func strings(_ key: String) throws(CourseworkError) -> [String]? {
            guard let raw = fields[key] else { return nil }
            guard let list = raw as? [Any], !list.isEmpty, list.count <= 500 else { throw fail("'\(key)' must be a non-empty list of strings") }
            var values: [String] = []
            for item in list {
                guard let text = item as? String else { throw fail("'\(key)' must be a non-empty list of strings") }
                values.append(text)
            }
            return values
        }

        let name = try string("name")
        guard name.count <= 40, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail("'name' must be up to 40 letters, digits, '-', '_' or '.', got '\(name)'")
        }
        guard let count = try integer("count", Self.limits.count) else { throw fail("'count' is missing") }
        guard let kindNames = try strings("kinds") else { throw fail("'kinds' is missing") }
        var kinds: [ExerciseKind] = []
        for kindName in kindNames {
            guard let kind = ExerciseKind(rawValue: kindName) else {
                throw fail("unknown kind '\(kindName)' (kinds: \(ExerciseKind.namesList))")
            }
            kinds.append(kind)
        }
        self.init(name: name, title: try string("title"), count: count, kinds: kinds)

        if let value = try range("map", Self.limits.map) { map = value }
        if let value = try range("kernel", Self.limits.kernel) { kernel = value }
        if let value = try range("stride", Self.limits.stride) { stride = value }
        if let value = try range("inputSize", Self.limits.inputSize) { inputSize = value }
        if let value = try range("breakInputSize", Self.limits.inputSize) { breakInputSize = value }
        if let value = try range("stackDepth", Self.limits.stackDepth) { stackDepth = value }
        if let value = try integer("sizeRangeWidth", Self.limits.width) { sizeRangeWidth = value }
        if let names = try strings("padding") {
            paddings = []
            for text in names {
                guard let padding = Padding(caseInsensitive: text) else { throw fail("'padding' lists '\(text)': use SAME or VALID") }
                paddings.append(padding)
            }
        }
        if let names = try strings("kernelShapes") {
            kernelShapes = []
            for text in names {
                guard let shape = KernelShape(rawValue: text) else { throw fail("'kernelShapes' lists '\(text)': use square or 1xn") }
                kernelShapes.append(shape)
            }
        }
        if let names = try strings("layers") {
            let network: Network
            do { network = try Network.faceNet() } catch { throw fail("\(error)") }
            for layer in names {
                do { _ = try network.requireLayer(named: layer) } catch { throw fail("'layers': \(error)") }
            }
            layers = names
        }
        if let raw = fields["overrides"] {
            guard let flag = raw as? Bool else {
                throw fail("'overrides' must be true or false")
            }
            overrides = flag
        }
        if kinds.contains(.stackReceptiveField) || kinds.contains(.outputSize) {
            // A VALID question needs a map at least as large as some kernel.
            guard map.upperBound >= kernel.lowerBound else {
                throw fail("'map' (up to \(map.upperBound)) is smaller than every kernel in 'kernel' (from \(kernel.lowerBound))")
            }
        }
    }
}
