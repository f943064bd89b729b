import ArgumentParser
import Exploration
import Foundation
import LedgerReports
import ModelData
import NetworkModel
import Rendering

/// `--picture FILE.svg|png`, `--compare`, `--force`: the window picture of one op, written safely.
struct PictureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Draw the input grid, its padding, the unread cells and a few windows to FILE (.svg, or .png without text).", valueName: "FILE"))
    var picture: String?

    @Flag(help: "With --picture: SAME and VALID side by side.")
    var compare = false

    @Flag(help: "With --picture: replace FILE if it exists.")
    var force = false

    /// The format FILE's extension names; one-line errors for anything else, and before any work.
    func validateFile() throws {
        guard let picture else {
            if compare || force { throw ExploreError("--compare and --force only apply with --picture FILE") }
            return
        }
        guard ["svg", "png"].contains((picture as NSString).pathExtension.lowercased()) else {
            throw ExploreError("--picture '\(picture)': the file must end in .svg or .png")
        }
        if !force && OutputFile.exists(picture) {
            throw ExploreError("--picture '\(picture)' exists: add --force to replace it")
        }
    }

    /// Writes the picture of `geometry` (and its other padding with --compare); says what it wrote.
    func write(_ geometry: WindowGeometry, quiet: Bool = false) throws {
        guard let picture else { return }
        var geometries = [geometry]
        if compare {
            let other: Padding = geometry.rows.padding == .same ? .valid : .same
            let size = Size2(geometry.rows.inputLength, geometry.columns.inputLength)
            let kernel = Size2(geometry.rows.kernel, geometry.columns.kernel)
            let stride = Size2(geometry.rows.stride, geometry.columns.stride)
            guard let second = WindowGeometry(input: size, kernel: kernel, stride: stride, padding: other) else {
                throw ExploreError("--compare: a \(kernel) VALID window does not fit the \(size) map, so there is nothing to compare")
            }
            geometries = geometry.rows.padding == .same ? [geometry, second] : [second, geometry]
        }
        guard let drawing = WindowPicture(geometries) else {
            throw ExploreError("--picture: maps with a padded side above \(WindowPicture.largestSide) are not drawn (they would not be readable)")
        }
        do {
            if (picture as NSString).pathExtension.lowercased() == "png" {
                try PNGWriter.write(width: drawing.width, height: drawing.height, rgb: drawing.raster(), to: picture, overwrite: force)
            } else {
                try OutputFile.createParentFolder(of: picture)
                try OutputFile.write(Array(drawing.svg().utf8), to: picture)
            }
        } catch {
            throw CommandFailure("--picture '\(picture)'", error)
        }
        guard !quiet else { return }
        print("wrote \(picture) (\(drawing.width)x\(drawing.height))")
        if (picture as NSString).pathExtension.lowercased() == "png" {
            print("the PNG has no text: white = map cell, blue = padding, red = never read, grey band = cropped; per panel:")
            for line in drawing.legendText { print("  " + line) }
        }
    }
}
