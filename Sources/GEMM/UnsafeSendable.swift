/// A read-only pointer handed to worker threads. The caller keeps the memory
/// alive and unchanged until the parallel loop returns.
struct UnsafeSendable: @unchecked Sendable {
    let pointer: UnsafePointer<Float>

    init(_ pointer: UnsafePointer<Float>) { self.pointer = pointer }
}
