import NetworkModel
import Testing

/// Totals against the published figures (Keras `include_top=False`, Huang et al. 2017).
@Test func backboneParametersMatchKeras() throws {
    let ledger = try Ledger.faceNet()
    #expect(ledger.backboneParameterCount == 54_336_736)
    let bottleneck = try #require(ledger["Bottleneck"])
    #expect(bottleneck.parameterCount == 1536 * 1024 + 3 * 1024)
    #expect(ledger.movingStatisticCount - bottleneck.movingStatisticCount == 60_544)
}

@Test func multiplyAddsAt160AreAbout2point88G() throws {
    let macs = try Ledger.faceNet().macs
    #expect(macs == 2_877_975_392)
}
