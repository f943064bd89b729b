/// `value` with `decimals` digits after the point, halves rounded away from zero, as the
/// bench's and the ladder's tables print figures; "-" for a value that is not finite (a
/// subject that did not run).
func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if decimals == 0, text.hasSuffix(".0") { text.removeLast(2) }
    if decimals > 0 {
        let fraction = text.split(separator: ".").last.map(\.count) ?? 0
        text += String(repeating: "0", count: max(0, decimals - fraction))
    }
    return text
}
