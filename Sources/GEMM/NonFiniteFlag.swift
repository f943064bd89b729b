import Synchronization

/// Whether any of the workers of one parallel loop wrote a NaN or an infinity.
public final class NonFiniteFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func set() { flag.store(true, ordering: .relaxed) }
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}
