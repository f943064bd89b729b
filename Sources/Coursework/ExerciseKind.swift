/// The kinds of question a set can ask; the raw value is the name used in set files and sheets.
public enum ExerciseKind: String, Sendable, Hashable, CaseIterable {
    case outputSize = "output-size"
    case samePadding = "same-padding"
    case lostIndices = "lost-indices"
    case lostCount = "lost-count"
    case lossless = "lossless"
    case losslessSizes = "lossless-sizes"
    case networkShape = "network-shape"
    case networkBreak = "network-break"
    case stackReceptiveField = "stack-receptive-field"
    case layerReceptiveField = "layer-receptive-field"
    case porting = "porting"
    case parameters = "parameters"
    case macs = "macs"

    /// A few words for headings.
    public var title: String {
        switch self {
        case .outputSize: "Output size"
        case .samePadding: "SAME padding per side"
        case .lostIndices: "Rows and columns no window reads"
        case .lostCount: "How many rows and columns are lost"
        case .lossless: "Lossless or not"
        case .losslessSizes: "Every lossless input size"
        case .networkShape: "Shape after a what-if"
        case .networkBreak: "Where the network breaks"
        case .stackReceptiveField: "Receptive field of a stack"
        case .layerReceptiveField: "Receptive field of a layer"
        case .porting: "Porting a SAME layer"
        case .parameters: "Parameters of a layer"
        case .macs: "Multiply-adds of a layer"
        }
    }

    /// Every kind's name, for error messages.
    public static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
