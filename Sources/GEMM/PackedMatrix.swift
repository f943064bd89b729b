/// The B operand `(k, n)` of a multiply, packed once for the micro-kernel.
///
/// Layout: columns are cut into panels of `Blocking.nr` (the last panel
/// zero-padded); each panel is stored whole, `k x nr` contiguous floats, row after
/// row. A K block of a panel (rows `pc ..< pc + depth`) is a contiguous slice of it,
/// and a panel's blocks follow each other, so a kernel that walks one panel through
/// all of K reads memory in one sequential stream (which the prefetch relies on).
/// Panel `jp` starts at `jp * k * nr`.
/// Weights are packed like this once, at load; a plain `FastGEMM.multiply` packs
/// its B on every call.
public final class PackedMatrix: @unchecked Sendable {
    public let k: Int
    public let n: Int
    /// Number of `nr`-wide panels: `ceil(n / nr)`.
    public let panelCount: Int
    let storage: UnsafeMutablePointer<Float>

    /// Packs the row-major `(k, n)` matrix at `b` with leading dimension `ldb`.
    public convenience init(k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int) {
        self.init(unpackedK: k, n: n)
        let source = SharedReadPointer(pointer: b)
        let packPanel = { @Sendable [self] (panel: Int) in
            pack(panel: panel, from: source.pointer, ldb: ldb)
        }
        if k * n >= 1 << 16, panelCount > 1 {
            FastGEMM.parallelFor(panelCount, packPanel)
        } else {
            for panel in 0..<panelCount { packPanel(panel) }
        }
    }

    /// Room for a `(k, n)` matrix, not packed yet: `pack(panel:from:ldb:)` fills it,
    /// panel by panel.
    private init(unpackedK k: Int, n: Int) {
        precondition(k >= 0 && n >= 0)
        self.k = k
        self.n = n
        panelCount = (n + Blocking.nr - 1) / Blocking.nr
        let count = max(k * panelCount * Blocking.nr, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
        storage = raw.bindMemory(to: Float.self, capacity: count)
    }

    /// Packs columns `panel * nr ..<` of all `k` rows of the row-major matrix at `b`
    /// into their panel, `nr` floats a row, zeros past column `n`.
    func pack(panel: Int, from b: UnsafePointer<Float>, ldb: Int) {
        precondition(ldb >= n)
        let nr = Blocking.nr
        let destination = storage + panel * k * nr
        let j0 = panel * nr
        let width = min(nr, n - j0)
        if width == nr {
            // A whole panel row is one 64-byte vector: copied inline, not by a memmove
            // call per 16 floats (which cost more than the copy).
            for r in 0..<k {
                let row = UnsafeRawPointer(b + r * ldb + j0).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(destination + r * nr).storeBytes(of: row, as: SIMD16<Float>.self)
            }
            return
        }
        for r in 0..<k {
            let row = destination + r * nr
            row.update(from: b + r * ldb + j0, count: width)
            (row + width).update(repeating: 0, count: nr - width)
        }
    }

    /// Packs a dense row-major array.
    public static func packing(k: Int, n: Int, scalars: [Float]) -> PackedMatrix {
        precondition(scalars.count == k * n, "a (\(k), \(n)) matrix holds \(k * n) scalars, got \(scalars.count)")
        return scalars.withUnsafeBufferPointer { buffer in
            // An empty array has no base address; nothing is read from it then.
            PackedMatrix(k: k, n: n, b: buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!, ldb: n)
        }
    }

    deinit {
        UnsafeMutableRawPointer(storage).deallocate()
    }

    /// Bytes of the packed panels.
    var byteCount: Int { k * panelCount * Blocking.nr * MemoryLayout<Float>.stride }

    /// Rows `pc ..<` of panel `panel` (a K block starts at its `pc`).
    @inline(__always)
    func panel(block pc: Int, panel: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + (panel * k + pc) * Blocking.nr)
    }

    /// The unpacked `(k, n)` matrix, row-major (for tests).
    public var unpacked: [Float] {
        var out = [Float](repeating: 0, count: k * n)
        for panel in 0..<panelCount {
            let source = self.panel(block: 0, panel: panel)
            for r in 0..<k {
                for j in 0..<Blocking.nr where panel * Blocking.nr + j < n {
                    out[r * n + panel * Blocking.nr + j] = source[r * Blocking.nr + j]
                }
            }
        }
        return out
    }
}
