import Foundation
import TestSupport
import Testing

/// `explore passes` as scripts/peers drives it, and `EXPLORE_THREADS` as every command reads it.
struct PassesCommandTests {
    @Test func eachPassLineRunsTheWholeNetworkThatRunComputes() throws {
        let result = try ExploreBinary.run(["passes"], input: "pass\n  pass \nquit\npass\n", environment: ["EXPLORE_THREADS": "1"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "ready threads=1 input=160x160 kernels=fast")
        // Two passes, then 'quit' ends it: the third 'pass' is never read.
        let passes = lines.dropFirst().map { $0.split(separator: " ").map(String.init) }
        #expect(passes.count == 2)
        // `explore run` prints the same network's embedding on its own.
        let run = try ExploreBinary.run(["run"])
        #expect(run.status == 0, "\(run.standardError)")
        let runFirst = run.standardOutput.split(separator: "\n").first { $0.hasPrefix("embedding [1024]") }?
            .split(separator: " ").dropFirst(6).first.map(String.init)
        for words in passes {
            #expect(words.count == 5 && words[0] == "pass" && words[2] == "s," && words[3] == "output[0]")
            let seconds = words.count > 1 ? Double(words[1]) : nil
            #expect(seconds.map { $0 > 0 && $0 < 60 } == true, "\(words)")
            let value = words.count > 4 ? Double(words[4]) : nil
            #expect(value.map { String(format: "%.5f", $0) } == runFirst, "\(words) vs run's \(String(describing: runFirst))")
        }
    }

    @Test func anUnknownRequestStopsWithOneLine() throws {
        let result = try ExploreBinary.run(["passes"], input: "pass please\n")
        #expect(result.status != 0)
        #expect(result.standardError == "explore: passes: unknown request 'pass please': send 'pass' or 'quit', one a line\n")
        #expect(result.standardOutput.hasPrefix("ready threads="))
        #expect(result.standardOutput.split(separator: "\n").count == 1)
    }

    @Test(arguments: ["0", "-2", "257", "two", "", "99999999999999999999999"])
    func aThreadCountThatIsNotOneStopsEveryCommandBeforeItRuns(value: String) throws {
        let result = try ExploreBinary.run(["table", "--through", "Conv2d_1a_3x3"], environment: ["EXPLORE_THREADS": value])
        #expect(result.status == 64)
        #expect(result.standardOutput.isEmpty)
        let shown = value.count > 20 ? String(value.prefix(20)) + "..." : value
        #expect(
            result.standardError
                == "explore: EXPLORE_THREADS=\(shown) is not a thread count: give a whole number from 1 to 256, or unset it to use every processor\n")
    }
}
