import Coursework
import NetworkModel
import Testing

/// For every kind and hundreds of seeds: the expected answer equals an independent brute-force
/// answer, the key grades 100%, and each kind of wrong answer is graded wrong with that answer.
struct KindTests {
    static let seeds = 0..<300

    /// The brute-force answer of a question from its drawn parameters.
    static func bruteForce(_ kind: ExerciseKind, _ spec: QuestionSpec, fields: inout [String: Size2]) -> ExpectedAnswer? {
        switch (kind, spec) {
        case (_, .window(let window)):
            guard let (rows, columns) = BruteForce.window(window) else { return nil }
            switch kind {
            case .outputSize: return .size(Size2(rows.output, columns.output))
            case .samePadding: return .sides(SidePadding(top: rows.before, bottom: rows.after, left: columns.before, right: columns.after))
            case .lostIndices: return .lostIndices(rows: rows.lost, columns: columns.lost)
            case .lostCount: return .lostCounts(rows: rows.lost.count, columns: columns.lost.count)
            case .lossless: return .yesNo(rows.lost.isEmpty && columns.lost.isEmpty)
            default: return nil
            }
        case (.losslessSizes, .sizeRange(let first, let last, let kernel, let stride, let padding)):
            return .sizes((first...last).filter { BruteForce.axis($0, kernel: kernel, stride: stride, padding: padding)?.lost.isEmpty == true })
        case (.stackReceptiveField, .stack(let layers)):
            let side = BruteForce.receptiveField(chain: layers.map { ($0.kernel, $0.stride) })
            return .size(Size2(side, side))
        case (.networkBreak, .network(let whatIf, nil)):
            return .breakPoint(BruteForce.walk(whatIf).failure)
        case (.layerReceptiveField, .network(_, let layer?)):
            if fields[layer] == nil { fields[layer] = BruteForce.receptiveField(of: layer) }
            return .size(fields[layer]!)
        case (_, .network(let whatIf, let layer?)):
            guard let walked = BruteForce.walk(whatIf).layers[layer] else { return nil }
            switch kind {
            case .networkShape: return .shape(walked.shape)
            case .porting: return .porting(walked.pad)
            case .parameters: return .count(walked.parameters)
            case .macs: return .count(walked.macs)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Wrong answers of every kind a student could give, made from the brute-force answer.
    static func wrongAnswers(_ answer: ExpectedAnswer) -> [String] {
        func list(_ values: [Int]) -> String { values.isEmpty ? "none" : values.map(String.init).joined(separator: ", ") }
        func sides(_ p: SidePadding) -> String { "\(p.top), \(p.bottom), \(p.left), \(p.right)" }
        switch answer {
        case .size(let size): return ["\(size.height + 1)x\(size.width)", "\(size.height)x\(size.width + 1)"]
        case .shape(let dims):
            return [
                ([dims[0] + 1] + dims.dropFirst()).map(String.init).joined(separator: "x"),
                (dims.dropLast() + [dims.last! * 2]).map(String.init).joined(separator: "x"),
            ]
        case .sides(let p):
            // The classic slip: the odd pixel (or all of it) on the top and left.
            let allBefore = SidePadding(top: p.rows, bottom: 0, left: p.columns, right: 0)
            return (allBefore == p ? [] : [sides(allBefore)]) + [
                sides(SidePadding(top: p.top + 1, bottom: p.bottom, left: p.left, right: p.right)),
                sides(SidePadding(top: p.top, bottom: p.bottom + 1, left: p.left, right: p.right)),
                sides(SidePadding(top: p.top, bottom: p.bottom, left: p.left + 1, right: p.right)),
                sides(SidePadding(top: p.top, bottom: p.bottom, left: p.left, right: p.right + 1)),
            ]
        case .lostIndices(let rows, let columns):
            let moreRows = rows.isEmpty ? [0] : Array(rows.dropFirst())
            let moreColumns = columns + [(columns.max() ?? 0) + 1]
            return ["rows: \(list(moreRows)); columns: \(list(columns))", "rows: \(list(rows)); columns: \(list(moreColumns))"]
        case .lostCounts(let rows, let columns):
            return ["rows: \(rows + 1); columns: \(columns)", "\(rows), \(columns + 1)"]
        case .yesNo(let value):
            return [value ? "no" : "yes"]
        case .sizes(let sizes):
            return [list(sizes.isEmpty ? [1] : Array(sizes.dropFirst())), list(sizes + [(sizes.min() ?? 2) - 1])]
        case .count(let value):
            return [String(value + 1), String(value - 1), String(value * 2)]
        case .breakPoint(let point?):
            let otherCause = BreakCause.allCases.first { $0 != point.cause }!
            return ["none", "\(point.layer): \(otherCause.rawValue)", "Conv2d_1a_3x3x: \(point.cause.rawValue)"]
        case .breakPoint(nil):
            return ["Mixed_6a: branches", "Conv2d_1a_3x3: window"]
        case .porting(let p):
            let word = p.isSymmetric ? "asymmetric" : "symmetric"
            let bigger = SidePadding(top: p.top, bottom: p.bottom + 1, left: p.left, right: p.right)
            return ["\(sides(p)); \(word)", "\(sides(bigger)); \(bigger.isSymmetric ? "symmetric" : "asymmetric")"]
        }
    }

    @Test(arguments: ExerciseKind.allCases)
    func everySeedIsRightAndEveryWrongAnswerIsWrong(_ kind: ExerciseKind) throws {
        let set = SheetHelpers.single(kind)
        var fields: [String: Size2] = [:]
        var answersSeen: Set<String> = []
        for seed in Self.seeds {
            let sheet = try Worksheet(set: set, student: "s\(seed)", seed: UInt64(seed), count: 2)
            var wrong: [Int: [String]] = [:]
            for question in sheet.questions {
                let brute = try #require(
                    Self.bruteForce(kind, question.spec, fields: &fields), "seed \(seed) Q\(question.number): no brute-force answer for \(question.spec)")
                #expect(question.expected == brute, "seed \(seed) Q\(question.number) \(question.prompt)")
                #expect(question.expected.judge(brute.text) == .right)
                wrong[question.number] = Self.wrongAnswers(brute)
                answersSeen.insert(brute.text)
            }
            let key = try SheetHelpers.grade(sheet.markdown(key: true), set: set)
            #expect(key.score == key.maxScore && key.maxScore == 2, "seed \(seed): the key scored \(key.score)/\(key.maxScore)")

            let rounds = wrong.values.map(\.count).max() ?? 0
            for round in 0..<rounds {
                var answers: [Int: String] = [:]
                for (number, texts) in wrong { answers[number] = texts[round % texts.count] }
                let report = try SheetHelpers.grade(SheetHelpers.fill(sheet.markdown(), answers), set: set)
                for result in report.results {
                    let expected = sheet.questions[result.number - 1].expected
                    #expect(result.verdict == .wrong, "seed \(seed) Q\(result.number): '\(result.given)' graded \(result.verdict), expected \(expected.text)")
                    #expect(result.expected == expected.text)
                }
            }
        }
        // Hundreds of seeds must not all ask the same thing.
        #expect(answersSeen.count >= (kind == .lossless ? 2 : 5), "\(kind): only \(answersSeen.count) different answers")
    }
}
