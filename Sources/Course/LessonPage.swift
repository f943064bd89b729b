import Foundation
import Ink

/// One lesson as a self-contained HTML page: the prose through Ink, each console block with the
/// output its commands really printed, and the pictures they wrote inline (SVG as markup, PNG as a
/// data: URI). The front matter becomes the page title; `<details>` sections stay collapsible.
public enum LessonPage {
    /// The page's file name: the lesson's file name with `.html`.
    public static func fileName(_ lesson: Lesson) -> String {
        lesson.url.deletingPathExtension().lastPathComponent + ".html"
    }

    /// The page for `run`; `previous` and `next` link the neighbouring lessons.
    public static func html(_ run: LessonRun, previous: Lesson? = nil, next: Lesson? = nil) -> String {
        let blocks = BlockQueue(run: run)
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .codeBlocks) { input in
                input.markdown.hasPrefix("```console") ? blocks.nextHTML() : input.html
            },
            Modifier(target: .links) { input in
                // Links between lessons point at the rendered pages.
                input.html.replacingOccurrences(of: #"href="(\d\d[^"/]*)\.md(#[^"]*)?""#, with: #"href="$1.html$2""#, options: .regularExpression)
            },
        ])
        var body = ""
        for segment in segments(run.lesson) {
            switch segment {
            case .raw(let line): body += line + "\n"
            case .markdown(let text): body += parser.html(from: text) + "\n"
            }
        }
        var navigation = ""
        if let previous { navigation += "<a href=\"\(escape(fileName(previous)))\">&larr; \(escape(previous.title))</a>" }
        if let next { navigation += "<a class=\"next\" href=\"\(escape(fileName(next)))\">\(escape(next.title)) &rarr;</a>" }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(run.lesson.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            \(placingTeaches(escape(run.lesson.teaches), in: body))<nav>\(navigation)</nav>
            </main>
            </body>
            </html>

            """
    }

    /// The body with the front matter's "teaches" line right under the first heading.
    static func placingTeaches(_ teaches: String, in body: String) -> String {
        let box = "<p class=\"teaches\"><strong>This lesson:</strong> \(teaches)</p>"
        guard let heading = body.range(of: "</h1>") else { return box + "\n" + body }
        return String(body[..<heading.upperBound]) + "\n" + box + String(body[heading.upperBound...])
    }

    /// The body split into Markdown for Ink and the raw `<details>`/`<summary>` lines around it
    /// (Ink would otherwise take a whole `<details>` element as raw HTML, Markdown and all).
    enum Segment { case markdown(String), raw(String) }

    static func segments(_ lesson: Lesson) -> [Segment] {
        let closing = lesson.lines.dropFirst().firstIndex(of: "---") ?? 0
        var segments: [Segment] = []
        var pending: [String] = []
        var inFence = false
        for line in lesson.lines[(closing + 1)...] {
            if line.hasPrefix("```") { inFence.toggle() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inFence, trimmed == "<details>" || trimmed == "</details>" || trimmed.hasPrefix("<summary>") {
                if !pending.isEmpty {
                    segments.append(.markdown(pending.joined(separator: "\n")))
                    pending = []
                }
                segments.append(.raw(trimmed))
            } else {
                pending.append(line)
            }
        }
        if !pending.isEmpty { segments.append(.markdown(pending.joined(separator: "\n"))) }
        return segments
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The HTML of one console block: each command, its real output and status, its pictures.
    static func blockHTML(_ results: [StepResult]) -> String {
        var html = "<div class=\"console\">\n"
        for result in results {
            var command = "<span class=\"prompt\">$ </span>" + escape(result.step.commandText)
            if let input = result.step.input {
                for line in input.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    command += "\n<span class=\"prompt\">&gt; </span>" + escape(String(line))
                }
            }
            html += "<pre class=\"command\">\(command)</pre>\n"
            if result.diff != nil {
                html += "<p class=\"drift\">This output differs from the lesson's expected text: run explore lesson check.</p>\n"
            }
            html += "<pre class=\"output\">\(outputHTML(result))</pre>\n"
            if let status = result.output.status.line {
                html += "<p class=\"status\">\(escape(status)) exit status</p>\n"
            }
            for picture in result.pictures {
                html += "<figure>\(pictureHTML(picture))<figcaption>\(escape(picture.name))</figcaption></figure>\n"
            }
        }
        return html + "</div>"
    }

    /// The real output; runs of lines that the lesson elides with `...` fold away under a
    /// summary, so the page shows what the lesson shows and keeps the rest one click away.
    static func outputHTML(_ result: StepResult) -> String {
        let lines = result.output.lines
        var folded: [Range<Int>] = []
        if result.diff == nil {
            for case .wildcard(_, let range) in OutputAlignment(expected: result.step.expected, actual: lines).operations where range.count > 2 {
                folded.append(range)
            }
        }
        var html = ""
        var index = 0
        for range in folded {
            html += lines[index..<range.lowerBound].map { lineHTML($0) + "\n" }.joined()
            html += "<details class=\"more\"><summary>\(range.count) more lines</summary>"
            html += lines[range].map { lineHTML($0) + "\n" }.joined() + "</details>"
            index = range.upperBound
        }
        html += lines[index...].map(lineHTML).joined(separator: "\n")
        return html
    }

    /// One output line; a long line of prose (no aligned columns after its label) may wrap,
    /// where a table row keeps its columns and scrolls.
    static func lineHTML(_ line: String) -> String {
        guard line.count > 100, !line.dropFirst(12).contains("   ") else { return escape(line) }
        return "<span class=\"wrap\">\(escape(line))</span>"
    }

    /// An SVG without its XML prolog, or a PNG as a data: URI.
    static func pictureHTML(_ picture: Picture) -> String {
        guard picture.isSVG else {
            return "<img alt=\"\(escape(picture.name))\" src=\"data:image/png;base64,\(picture.data.base64EncodedString())\">"
        }
        var svg = String(decoding: picture.data, as: UTF8.self)
        if let start = svg.range(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        return svg
    }

    static let style = """
        body { margin: 0; background: #fafafa; color: #1d1d1f; font: 17px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
        main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; background: #fff; }
        h1 { font-size: 1.9rem; line-height: 1.25; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
        code { font: 0.9em/1.4 Menlo, "DejaVu Sans Mono", Consolas, monospace; background: #f0f0f3; padding: 0.05em 0.25em; border-radius: 3px; }
        pre { font: 14px/1.35 Menlo, "DejaVu Sans Mono", Consolas, "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", monospace; overflow-x: auto; margin: 0; padding: 0.5rem 0.8rem; }
        pre code { background: none; padding: 0; }
        .console { margin: 1rem 0; border-radius: 6px; overflow: hidden; background: #1e1f24; color: #e6e6e6; }
        .console pre.command { color: #9fe870; font-weight: bold; white-space: pre-wrap; }
        .console .wrap { white-space: pre-wrap; }
        .console .prompt { color: #8a8f98; user-select: none; }
        .console pre.output { white-space: pre; }
        .console p { margin: 0; padding: 0.2rem 0.8rem; font-size: 0.85rem; }
        .console .status { color: #ffb86b; } .console .drift { background: #8b1e1e; color: #fff; }
        .console figure { margin: 0; padding: 0.8rem; background: #fff; color: #1d1d1f; text-align: center; }
        .console figure svg, .console figure img { max-width: 100%; height: auto; }
        .console figcaption { font-size: 0.8rem; color: #666; }
        .teaches { background: #eef4ff; border-left: 4px solid #4a7bd0; padding: 0.5rem 0.8rem; }
        details { background: #f6f6f6; border: 1px solid #ddd; border-radius: 6px; padding: 0.4rem 1rem; margin: 1rem 0; }
        summary { cursor: pointer; font-weight: bold; }
        .console details.more { display: inline; background: none; border: none; padding: 0; margin: 0; }
        .console details.more summary { display: block; color: #8ab4f8; font-weight: normal; font-style: italic; }
        .console details.more summary::before { content: "... "; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
        nav { display: flex; justify-content: space-between; margin-top: 3rem; border-top: 1px solid #ddd; padding-top: 1rem; }
        nav .next { margin-left: auto; }
        """
}

/// Hands out the HTML of a lesson's console blocks in document order, as Ink meets them.
private final class BlockQueue {
    private var remaining: [[StepResult]]

    init(run: LessonRun) {
        var byBlock: [[StepResult]] = []
        var results = run.results[...]
        for block in run.lesson.blocks {
            byBlock.append(Array(results.prefix(block.steps.count)))
            results = results.dropFirst(block.steps.count)
        }
        remaining = byBlock
    }

    func nextHTML() -> String {
        guard !remaining.isEmpty else { return "" }
        return LessonPage.blockHTML(remaining.removeFirst())
    }
}
