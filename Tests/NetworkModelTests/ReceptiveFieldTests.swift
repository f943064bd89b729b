import NetworkModel
import Testing

/// Receptive fields by hand: rf += (k - 1) * jump, jump *= stride.
@Test func stemReceptiveFields() throws {
    let ledger = try Ledger.faceNet()
    let stem = ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "MaxPool_3a_3x3", "Conv2d_3b_1x1", "Conv2d_4a_3x3", "MaxPool_5a_3x3"]
    #expect(stem.map { ledger[$0]!.receptiveField.height } == [3, 7, 11, 15, 15, 23, 31])
    #expect(stem.map { ledger[$0]!.jump.height } == [2, 2, 2, 4, 4, 4, 8])
}

/// A concat takes the largest field of its branches: Mixed_5b's 5x5 and double 3x3 both give 31 + 4*8 = 63.
@Test func concatTakesLargestBranch() throws {
    let ledger = try Ledger.faceNet()
    #expect(ledger["Mixed_5b/Branch_0/Conv2d_1x1"]!.receptiveField == Size2(31, 31))
    #expect(ledger["Mixed_5b/Branch_1/Conv2d_0b_5x5"]!.receptiveField == Size2(63, 63))
    #expect(ledger["Mixed_5b"]!.receptiveField == Size2(63, 63))
    // 1x7 then 7x1 grow one axis at a time.
    let before = ledger["Block17_1/Branch_1/Conv2d_0a_1x1"]!.receptiveField
    let jump = ledger["Mixed_6a"]!.jump
    #expect(ledger["Block17_1/Branch_1/Conv2d_0b_1x7"]!.receptiveField == Size2(before.height, before.width + 6 * jump.width))
}
