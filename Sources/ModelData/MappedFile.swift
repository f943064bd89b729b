#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file: the bytes stay in the page cache, not in our heap.
final class MappedFile: @unchecked Sendable {
    let path: String
    /// Nil for an empty file (mmap refuses length 0).
    private let base: UnsafeRawPointer?
    let count: Int

    /// Maps `path`; errors are `WeightsError.io` naming the file.
    init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw WeightsError.io(source: path, detail: "cannot open: \(Self.lastError())") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw WeightsError.io(source: path, detail: "cannot stat: \(Self.lastError())") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw WeightsError.io(source: path, detail: "not a regular file") }
        count = Int(status.st_size)
        if count == 0 {
            base = nil
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw WeightsError.io(source: path, detail: "cannot mmap \(count) bytes: \(Self.lastError())")
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The bytes `range` (checked by the caller to lie inside the file).
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "\(range) outside \(count) bytes of \(path)")
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
