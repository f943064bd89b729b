import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG as XML and collects its text (what `<text>` elements say).
final class SVGText: NSObject, XMLParserDelegate {
    private(set) var texts: [String] = []
    private(set) var elementCount = 0
    private(set) var rootName: String?
    private var current = ""
    private var inText = false

    /// Nil when the bytes are not well-formed XML.
    static func parse(_ bytes: [UInt8]) -> SVGText? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        let collector = SVGText()
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elementCount += 1
        if rootName == nil { rootName = elementName }
        if elementName == "text" {
            inText = true
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if elementName == "text" {
            texts.append(current)
            inText = false
        }
    }

    /// Whether some text element is exactly `text` or contains it.
    func mentions(_ text: String) -> Bool { texts.contains { $0.contains(text) } }
}
