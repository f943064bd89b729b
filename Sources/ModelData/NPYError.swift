/// Why a `.npy` file cannot be read or written.
public typealias NPYError = FileError<NPYFailure>

/// What went wrong with a `.npy` file.
public enum NPYFailure: Sendable, Equatable {
    case io, badMagic, unsupportedVersion, brokenHeader, unsupportedDType, fortranOrder, truncated, trailingBytes, fileExists
}
