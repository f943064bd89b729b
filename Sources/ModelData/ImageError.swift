/// Why an image cannot be loaded or written.
public typealias ImageError = FileError<ImageFailure>

/// What went wrong with an image file.
public enum ImageFailure: Sendable, Equatable {
    case io, unknownFormat, decode, unsupported, wrongShape, fileExists, encode
}
