/// A read-only pointer handed to worker threads. The caller keeps the memory alive
/// and unchanged until the parallel loop returns.
public struct SharedReadPointer: @unchecked Sendable {
    public let pointer: UnsafePointer<Float>

    public init(pointer: UnsafePointer<Float>) { self.pointer = pointer }
}

/// A pointer handed to worker threads that write disjoint parts of what it points to.
public struct SharedPointer: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>

    public init(pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}
