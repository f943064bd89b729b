import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long-lived worker threads for the many short parallel loops of a forward pass.
///
/// Why not `DispatchQueue.concurrentPerform` alone: its threads sleep between loops,
/// and waking one costs tens of microseconds on this virtual machine, a large part
/// of an 8x8-stage GEMM (0.2 ms). Here a worker spins for `spinSeconds` after each
/// loop, so the next loop of the pass starts at once; then it sleeps on a condition
/// variable and costs nothing.
///
/// One loop runs at a time. A caller that finds the pool busy (another thread's
/// loop, or a loop started from inside a loop) runs on Dispatch instead, so
/// concurrent callers, such as parallel tests, stay correct.
public final class WorkerPool: @unchecked Sendable {
    /// One worker per online processor besides the calling thread.
    public static let shared = WorkerPool(workers: FastGEMM.defaultThreads - 1)

    /// How long an idle worker keeps spinning before it sleeps.
    static let spinSeconds = 0.002

    /// Threads besides the caller.
    public let workers: Int

    /// Bumped once per loop; workers watch it.
    private let generation = Atomic<Int>(0)
    /// The loop being run (set before `generation` is bumped).
    private let current = Mutex<Loop?>(nil)
    /// Held by the thread whose loop runs.
    private let busy = Atomic<Bool>(false)
    /// Set by `park()`: idle workers go to sleep now rather than after `spinSeconds`.
    private let parking = Atomic<Bool>(false)
    private let sleepLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Workers asleep on `wakeUp` (guarded by `sleepLock`).
    private var sleeping = 0

    /// Starts the worker threads. They hold the pool for the life of the process.
    private init(workers: Int) {
        self.workers = max(0, workers)
        pthread_mutex_init(sleepLock, nil)
        pthread_cond_init(wakeUp, nil)
        for _ in 0..<self.workers { Self.startDetachedThread(running: self) }
    }

    /// Starts a detached thread that runs `pool.work()`, which never returns. Glibc and
    /// Darwin import pthread differently: `pthread_t` is an integer on Glibc and a
    /// pointer, optional until set, on Darwin; the start routine's argument is optional
    /// on Glibc only.
    private static func startDetachedThread(running pool: WorkerPool) {
        let argument = Unmanaged.passRetained(pool).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        let started = pthread_create(&thread, nil, { Unmanaged<WorkerPool>.fromOpaque($0).takeUnretainedValue().work() }, argument)
        #else
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { Unmanaged<WorkerPool>.fromOpaque($0!).takeUnretainedValue().work() }, argument)
        #endif
        precondition(started == 0, "WorkerPool: pthread_create failed (\(started))")
        #if canImport(Darwin)
        pthread_detach(thread!)
        #else
        pthread_detach(thread)
        #endif
    }

    /// Runs `body(i)` for every `i` in `0..<count`, on the workers and the calling
    /// thread, and returns when all have finished. Iterations are handed out one at a
    /// time, so a late worker takes fewer.
    public func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count <= 0 { return }
        if count == 1 || workers == 0 {
            for index in 0..<count { body(index) }
            return
        }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            let loop = Loop(count: count, body: body)
            parking.store(false, ordering: .relaxed)
            current.withLock { $0 = loop }
            generation.add(1, ordering: .releasing)
            pthread_mutex_lock(sleepLock)
            if sleeping > 0 { pthread_cond_broadcast(wakeUp) }
            pthread_mutex_unlock(sleepLock)
            loop.run()
            while loop.finished.load(ordering: .acquiring) < count {}
            // Every iteration has run: no worker calls the body again. Drop it, so it
            // does not escape this call.
            current.withLock { $0 = nil }
            loop.body = nil
        }
    }

    /// Sends idle workers to sleep at once, so that they leave the cores to other work
    /// timed next (`explore bench` times OpenBLAS's threads right after this pool's).
    /// The next loop wakes them.
    public func park() {
        parking.store(true, ordering: .relaxed)
    }

    /// A worker: waits for the next loop, spinning then sleeping, and takes part in it.
    private func work() -> Never {
        var seen = generation.load(ordering: .acquiring)
        while true {
            var idleSince = 0.0
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                // Give the core away to any other runnable thread (OpenBLAS's, the
                // test runner's) now and then: this one only waits.
                if spins % 64 == 0 { sched_yield() }
                guard spins % 1024 == 0 else { continue }
                let now = MonotonicClock.seconds()
                if idleSince == 0 { idleSince = now }
                if now - idleSince > Self.spinSeconds || parking.load(ordering: .relaxed) {
                    pthread_mutex_lock(sleepLock)
                    sleeping += 1
                    while generation.load(ordering: .acquiring) == seen {
                        pthread_cond_wait(wakeUp, sleepLock)
                    }
                    sleeping -= 1
                    pthread_mutex_unlock(sleepLock)
                }
            }
            seen = generation.load(ordering: .acquiring)
            current.withLock { $0 }?.run()
        }
    }
}

/// One parallel loop: its body and the counters that hand out and count iterations.
/// A worker that arrives after the last iteration was handed out finds nothing to do.
private final class Loop: @unchecked Sendable {
    let count: Int
    var body: ((Int) -> Void)?
    let next = Atomic<Int>(0)
    let finished = Atomic<Int>(0)

    init(count: Int, body: @escaping (Int) -> Void) {
        self.count = count
        self.body = body
    }

    func run() {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            call(index)
            finished.add(1, ordering: .releasing)
        }
    }

    /// Not inlined, so the body's reference is released before the iteration is
    /// counted as finished (the caller then checks that the body did not escape).
    @inline(never)
    private func call(_ index: Int) {
        body?(index)
    }
}
