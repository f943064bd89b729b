#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loaders read paths: each input goes to one file per process, rewritten each time.
enum FuzzInput {
    nonisolated(unsafe) static var paths: [String: String] = [:]
    nonisolated(unsafe) static let ledger: Ledger? = try? Ledger.faceNet()

    static func write(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String) -> String {
        let path = paths[suffix] ?? "/tmp/explore-fuzz-\(getpid()).\(suffix)"
        paths[suffix] = path
        let file = fopen(path, "wb")!
        fwrite(data, 1, size, file)
        fclose(file)
        return path
    }
}
