import Synchronization

/// B's panels (or parts of them, in order: `Blocking.rowPartsPerPanel`) cut into
/// contiguous runs, one per worker, with stealing: a worker takes panels from the front
/// of its own run, in order (so it reads them as one stream, prefetched ahead), and when
/// its run is empty takes them from the back of the others'. A worker that starts late
/// or runs on a slower core then costs the others nothing: they finish its run from the
/// far end.
final class PanelRuns: Sendable {
    /// Per run, the panels not yet taken: `front ..< back`.
    private let runs: Mutex<[(front: Int, back: Int)]>
    let count: Int

    init(panels: Int, parts: Int) {
        count = parts
        runs = Mutex((0..<parts).map { part in (part * panels / parts, (part + 1) * panels / parts) })
    }

    /// The next panel for the owner of run `part`: its own front, or another run's back.
    func next(for part: Int) -> Int? {
        runs.withLock { runs in
            if runs[part].front < runs[part].back {
                defer { runs[part].front += 1 }
                return runs[part].front
            }
            for offset in 1..<max(runs.count, 1) {
                let other = (part + offset) % runs.count
                if runs[other].front < runs[other].back {
                    runs[other].back -= 1
                    return runs[other].back
                }
            }
            return nil
        }
    }
}
