/// The languages notes are written in: English, or Chinese in the source table's phrasing.
public enum Language: String, Sendable, CaseIterable {
    case en
    case zh
}
