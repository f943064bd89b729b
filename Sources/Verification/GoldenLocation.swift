import Foundation

/// Where `explore verify` and the tests find the golden file.
public enum GoldenLocation {
    /// The environment variable that overrides the default path.
    public static let environmentVariable = "EXPLORE_GOLDEN"

    /// `Tests/Golden/<file>` of the repository this module was compiled from, if it
    /// still exists; else the same path under the current directory.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        let source = URL(fileURLWithPath: #filePath)  // <repo>/Sources/Verification/GoldenLocation.swift
        let repository = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let compiled = repository.appendingPathComponent("Tests/Golden/\(GoldenFile.fileName)").path
        if FileManager.default.fileExists(atPath: compiled) { return compiled }
        return "Tests/Golden/\(GoldenFile.fileName)"
    }
}
