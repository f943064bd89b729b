import Exploration
import NetworkModel
import Testing

@testable import REPL

/// The command grammar: what parses to what, and that errors are one line naming the problem.
@Suite struct ParserTests {
    @Test(arguments: [
        ("step", SessionCommand.step(count: 1)),
        ("s 5", .step(count: 5)),
        ("next", .next(count: 1)),
        ("run to Mixed_6a", .runTo(layer: "Mixed_6a")),
        ("run Mixed_6a", .runTo(layer: "Mixed_6a")),
        ("run", .runTo(layer: nil)),
        ("break", .breakAt(layer: nil)),
        ("show Mixed_6a channel 3 --png 'a b.png' --force", .show(layer: "Mixed_6a", channel: 3, png: "a b.png", force: true)),
        ("set padding Conv2d_2b_3x3 valid", .set(.padding(layer: "Conv2d_2b_3x3", .valid))),
        ("set padding Conv2d_2b_3x3 default", .set(.padding(layer: "Conv2d_2b_3x3", nil))),
        ("set input synthetic", .set(.input(nil))),
        ("set input-size 299", .set(.inputSize(Size2(299, 299)))),
        ("set input-size 330x400", .set(.inputSize(Size2(330, 400)))),
        ("set align-feature-maps on", .set(.alignFeatureMaps(true))),
        ("set output-stride 8", .set(.outputStride(8))),
        ("set dilation Block17_1/Branch_1/Conv2d_0b_1x7 2", .set(.dilation(layer: "Block17_1/Branch_1/Conv2d_0b_1x7", 2))),
        ("set dilation Conv2d_2b_3x3 default", .set(.dilation(layer: "Conv2d_2b_3x3", nil))),
        ("set through Mixed_6a", .set(.through("Mixed_6a"))),
        ("set through end", .set(.through(nil))),
        ("table markdown zh", .table(format: "markdown", language: "zh")),
        ("render Mixed_6a --force", .render(expand: "Mixed_6a", force: true)),
        ("q", .quit),
    ])
    func parses(_ line: String, _ expected: SessionCommand) throws {
        #expect(try CommandParser.parse(line) == expected)
    }

    @Test(arguments: [
        ("stpe", "unknown command 'stpe': did you mean 'step' or 'set'? type 'help' for the list"),
        ("step 0", "step: N must be a whole number >= 1, got '0' (usage: step [N])"),
        ("step Mixed_6a", "step: N is a number of ops, got the layer name 'Mixed_6a'; to run up to it: run to Mixed_6a (usage: step [N])"),
        ("set input-size -5", "set: the input size is a side or HEIGHTxWIDTH of whole numbers >= 1, got '-5' (usage: set input-size N|HxW)"),
        ("set input-size 330x", "set: the input size is a side or HEIGHTxWIDTH of whole numbers >= 1, got '330x' (usage: set input-size N|HxW)"),
        ("set output-stride 4", "set: the output stride is 8 or 16 (TF-Slim's two), got '4' (usage: set output-stride 8|16)"),
        ("set padding Conv2d_2b_3x3", "set: missing SAME|VALID|default (usage: set padding LAYER SAME|VALID|default)"),
        ("show --png", "show: missing FILE (usage: show [LAYER] [channel C] [--png FILE [--force]])"),
        ("where now", "where: unexpected 'now' (usage: where)"),
        ("inspect 'Mixed", "unterminated quote in 'inspect 'Mixed'"),
    ])
    func rejectsInOneLine(_ line: String, _ message: String) {
        #expect(throws: CommandError(message)) { try CommandParser.parse(line) }
        #expect(!message.contains("\n"))
    }
}
