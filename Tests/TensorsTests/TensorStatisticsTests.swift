import Tensors
import Testing

@Test func statisticsCountZerosAndNonFiniteSeparately() {
    let stats = Tensor(shape: [1, 2, 3], scalars: [0, 1, 2, 3, .nan, .infinity]).statistics
    #expect(stats.min == 0)
    #expect(stats.max == 3)
    #expect(stats.mean == 1.5)
    #expect(abs(stats.standardDeviation - 1.118033988749895) < 1e-12)
    #expect(stats.zeroFraction == 1.0 / 6.0)
    #expect(stats.nanCount == 1)
    #expect(stats.infinityCount == 1)
}
