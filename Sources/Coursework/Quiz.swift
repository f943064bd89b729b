import NetworkModel
import Tensors

/// The REPL's predict-then-run game: a question about the op the session runs next, or about
/// a what-if of the network in force; the answer is judged, then the truth is shown with its
/// arithmetic, and the score kept.
public struct Quiz: Sendable {
    public private(set) var asked = 0
    public private(set) var right = 0
    /// The question waiting for an answer.
    public private(set) var pending: Question?
    /// Whether the pending question is about the op the session runs next (so the session runs it).
    public private(set) var aboutNextOp = false
    private var random: SplitMix64
    private let catalog = NetworkCatalog.shared

    public init(seed: UInt64 = 2026) { random = SplitMix64(seed: seed) }

    /// Poses a question (or repeats the pending one). `next` is the op the session runs next
    /// (nil at the end), `configuration` the network in force.
    public mutating func ask(next: LedgerEntry?, configuration: NetworkConfiguration) -> String {
        if pending == nil {
            let whatIf = WhatIf(configuration)
            let drawn = (next != nil && !random.oneIn(3) ? next.flatMap { nextOpQuestion($0, whatIf) } : nil)
            aboutNextOp = drawn != nil
            pending = drawn ?? whatIfQuestion(after: next?.name, whatIf)
        }
        guard let question = pending else { return "no question fits here: try 'reset' or another position" }
        return [question.prompt, "Answer with: quiz ANSWER, as \(question.expected.format.replacingCharacters(["`": ""]))"].joined(separator: "\n")
    }

    /// Judges `text` against the pending question. Unreadable answers leave it pending.
    public mutating func answer(_ text: String) -> (verdict: Verdict, lines: [String]) {
        guard let question = pending else { return (.missing, ["no question is waiting: type 'quiz' for one"]) }
        let verdict = question.expected.judge(text)
        guard verdict == .right || verdict == .wrong else {
            return (verdict, ["unreadable: write it as \(question.expected.format.replacingCharacters(["`": ""]))"])
        }
        asked += 1
        if verdict == .right { right += 1 }
        pending = nil
        let head = verdict == .right ? "right: \(question.expected.text)" : "wrong: you said \(text), the truth is \(question.expected.text)"
        return (verdict, [head, "why: \(question.reason)"] + question.worked.map { $0.isEmpty ? "" : "  " + $0 } + ["quiz score: \(right)/\(asked)"])
    }

    /// Output size, padding or lost pixels of the next op's window, or its output shape.
    private mutating func nextOpQuestion(_ entry: LedgerEntry, _ whatIf: WhatIf) -> Question? {
        if let window = entry.window, entry.input.isMap {
            let spec = QuestionSpec.window(WindowSpec(input: entry.input.spatial, kernel: window.kernel, stride: window.stride, padding: window.padding))
            let kinds: [ExerciseKind] = window.padding == .same ? [.outputSize, .samePadding, .lostCount] : [.outputSize, .lostCount]
            let kind = random.pick(kinds)
            return Solution.solve(kind, spec).map { question(kind, spec, $0, prefix: "Next op: `\(entry.name)`. ") }
        }
        if case .input = entry.layer.op { return nil }
        let spec = QuestionSpec.network(whatIf, layer: entry.name)
        return Solution.solve(.networkShape, spec).map { question(.networkShape, spec, $0, prefix: "Next op: `\(entry.name)`. ") }
    }

    /// Flips the padding of a windowed layer at or after `layer` and asks for the shape of its
    /// block (or the layer), or where the network breaks when it does.
    private mutating func whatIfQuestion(after layer: String?, _ whatIf: WhatIf) -> Question? {
        let start = layer.flatMap { catalog.positions[$0] } ?? 0
        let candidates = catalog.windowed.filter { (catalog.positions[$0] ?? 0) >= start }
        guard !candidates.isEmpty else { return nil }
        let flipped = random.pick(candidates)
        let declared = whatIf.overrides.first { $0.layer == flipped }?.padding ?? catalog.declared[flipped] ?? .same
        let change = PaddingChange(layer: flipped, padding: declared == .same ? .valid : .same)
        let changed = WhatIf(
            inputSize: whatIf.inputSize, bottleneck: whatIf.bottleneck,
            overrides: whatIf.overrides.filter { $0.layer != flipped } + [change])
        let target = flipped.split(separator: "/").first.map(String.init) ?? flipped
        let shape = QuestionSpec.network(changed, layer: target)
        if let solution = Solution.solve(.networkShape, shape) { return question(.networkShape, shape, solution, prefix: "What-if. ") }
        let broken = QuestionSpec.network(changed, layer: nil)
        return Solution.solve(.networkBreak, broken).map { question(.networkBreak, broken, $0, prefix: "What-if. ") }
    }

    private func question(_ kind: ExerciseKind, _ spec: QuestionSpec, _ solution: Solution, prefix: String) -> Question {
        Question(
            number: asked + 1, kind: kind, spec: spec, prompt: prefix + solution.prompt, expected: solution.expected,
            reason: solution.reason, worked: solution.worked)
    }
}
