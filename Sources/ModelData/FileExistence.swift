#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a path names anything (file, folder, link).
enum FileExistence {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
