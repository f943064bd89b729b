import Coursework
import NetworkModel
import Testing

/// The REPL's quiz: questions about the next op or a what-if, judged against brute force.
struct QuizTests {
    @Test func answersAreJudgedAndScoredAndRightAnswersMatchBruteForce() throws {
        let ledger = try Ledger.faceNet()
        var quiz = Quiz(seed: 5)
        var fields: [String: Size2] = [:]
        for (index, entry) in ledger.entries.prefix(60).enumerated() {
            let prompt = quiz.ask(next: entry, configuration: NetworkConfiguration())
            let question = try #require(quiz.pending, "no question before \(entry.name)")
            #expect(prompt.hasPrefix(quiz.aboutNextOp ? "Next op: `\(entry.name)`." : "What-if."))
            #expect(quiz.ask(next: entry, configuration: NetworkConfiguration()) == prompt, "a pending question is repeated")
            let brute = try #require(KindTests.bruteForce(question.kind, question.spec, fields: &fields), "\(question.prompt)")
            #expect(question.expected == brute, "\(question.prompt)")
            #expect(quiz.answer("banana").verdict == .unreadable && quiz.pending != nil)
            let rightOne = index % 2 == 0
            let text = rightOne ? brute.text : KindTests.wrongAnswers(brute)[0]
            let (verdict, lines) = quiz.answer(text)
            #expect(verdict == (rightOne ? .right : .wrong))
            #expect(lines.last == "quiz score: \(quiz.right)/\(index + 1)")
            #expect(quiz.pending == nil)
        }
        #expect(quiz.right == 30 && quiz.asked == 60)
    }
}
