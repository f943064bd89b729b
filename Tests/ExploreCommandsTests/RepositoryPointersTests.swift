import Foundation
import TestSupport
import Testing

/// What the help texts, the code and the documents point a reader to must be in the
/// repository: every `docs/...` page and repository path they name exists, and none
/// points at the team's private notes outside it.
struct RepositoryPointersTests {
    /// The checkout these tests were compiled from.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Pointers outside the repository (spelt in pieces, so that this file does not match them).
    static let outsidePointers = ["shared" + "/", "cli" + ".md", "TEAM" + ".md", "reference" + "-semantics"]

    /// Where a reader may be pointed from: the README, the code, tests, scripts, lessons, docs.
    static let scanned = ["README.md", "Sources", "Tests", "scripts", "Lessons", "docs"]

    /// Repository paths a text names (`docs/commands.md`, `scripts/golden/README.md`, ...),
    /// without trailing punctuation.
    static func repositoryPaths(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?<![\w./])(docs|scripts|Tests|Sources|Lessons)/[A-Za-z0-9_./-]*[A-Za-z0-9_]"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: repository.appendingPathComponent(path).path)
    }

    /// Every text file below the scanned places, as (path from the repository root, contents).
    static func scannedFiles() -> [(String, String)] {
        var files: [(String, String)] = []
        for place in scanned {
            let root = repository.appendingPathComponent(place)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else { continue }
            let urls =
                isDirectory.boolValue
                ? (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
                : [root]
            for url in urls where ["swift", "md", "py", "sh", "txt", "in", "out", "h", "c"].contains(url.pathExtension) {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                files.append((String(url.path.dropFirst(repository.path.count + 1)), text))
            }
        }
        return files
    }

    @Test(arguments: [[], ["table"], ["pad"], ["audit"], ["weights", "export"], ["render"], ["bench"], ["verify"], ["run"], ["step"]])
    func helpPointsIntoTheRepository(command: [String]) throws {
        let result = try ExploreBinary.run(command + ["--help"])
        #expect(result.status == 0)
        for pointer in Self.outsidePointers {
            #expect(!result.standardOutput.contains(pointer), "explore \(command.joined(separator: " ")) --help names \(pointer)")
        }
        for path in Self.repositoryPaths(in: result.standardOutput) {
            #expect(Self.exists(path), "explore \(command.joined(separator: " ")) --help names \(path), which is not in the repository")
        }
    }

    @Test func auditNamesItsSourceInTheRepository() throws {
        let result = try ExploreBinary.run(["audit"])
        let first = try #require(result.standardOutput.split(separator: "\n").first)
        let paths = Self.repositoryPaths(in: String(first))
        #expect(paths == ["docs/source-table.md"])
        #expect(paths.allSatisfy(Self.exists))
    }

    @Test func codeTestsScriptsAndDocumentsPointIntoTheRepository() {
        let files = Self.scannedFiles()
        #expect(files.count > 100, "read only \(files.count) files below \(Self.repository.path)")
        for (path, text) in files {
            for pointer in Self.outsidePointers where text.contains(pointer) {
                Issue.record("\(path) points outside the repository: \(pointer)")
            }
            for page in Self.repositoryPaths(in: text) where page.hasPrefix("docs/") && page.hasSuffix(".md") && !Self.exists(page) {
                Issue.record("\(path) names \(page), which does not exist")
            }
        }
    }

    @Test func pathsAreFoundInText() {
        #expect(Self.repositoryPaths(in: "see docs/commands.md.") == ["docs/commands.md"])
        #expect(Self.repositoryPaths(in: "(Tests/Golden/, written by scripts/golden/make_golden.py)") == ["Tests/Golden", "scripts/golden/make_golden.py"])
        #expect(Self.repositoryPaths(in: "../../docs/golden-format.md") == [])
        #expect(Self.repositoryPaths(in: "nothing here") == [])
    }
}
