import Coursework

extension ExplorerSession {
    /// `quiz`: asks about the op at the cursor or a what-if; `quiz ANSWER` judges the answer,
    /// runs the op when the question was about it, then shows the truth and the score.
    public func quiz(_ answer: String?) throws {
        let next = cursor < ledger.entries.count ? ledger.entries[cursor] : nil
        guard let answer else {
            out.line(quiz.ask(next: next, configuration: settings.configuration))
            return
        }
        let runsNextOp = quiz.aboutNextOp
        let (verdict, lines) = quiz.answer(answer)
        if runsNextOp && (verdict == .right || verdict == .wrong) && next != nil {
            try step(1)
        }
        for line in lines { out.line(line) }
    }
}
