/// The B operand `(k, n)` of a multiply, packed once for the micro-kernel.
///
/// Layout: K is cut into blocks of `depth` rows; inside a block, columns are
/// cut into panels of `Blocking.nr` (the last panel zero-padded), and each panel is
/// stored as `kcb x nr` contiguous floats, row after row. Block `pc` (starting at
/// row `pc`), panel `jp` starts at `pc * paddedN + jp * kcb * nr`.
/// Weights are packed like this once, at load; a plain `FastGEMM.multiply` packs
/// its B on every call.
public final class PackedMatrix: @unchecked Sendable {
    public let k: Int
    public let n: Int
    /// Rows per K block: `Blocking.depth(forK: k)`.
    public let depth: Int
    /// Number of `nr`-wide panels: `ceil(n / nr)`.
    public let panelCount: Int
    /// `panelCount * nr`.
    public let paddedN: Int
    let storage: UnsafeMutablePointer<Float>

    /// Packs the row-major `(k, n)` matrix at `b` with leading dimension `ldb`.
    public init(k: Int, n: Int, b: UnsafePointer<Float>, ldb: Int) {
        precondition(k >= 0 && n >= 0 && ldb >= n)
        self.k = k
        self.n = n
        let depth = Blocking.depth(forK: k)
        self.depth = depth
        panelCount = (n + Blocking.nr - 1) / Blocking.nr
        paddedN = panelCount * Blocking.nr
        let count = max(k * paddedN, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Float>.stride, alignment: Blocking.alignment)
        storage = raw.bindMemory(to: Float.self, capacity: count)
        let blocks = (k + depth - 1) / depth
        let source = UnsafeSendable(b)
        let packBlock = { @Sendable [self] (block: Int) in
            let pc = block * depth
            Self.pack(rows: min(depth, k - pc), n: n, panelCount: panelCount,
                      from: source.pointer + pc * ldb, ldb: ldb, to: storage + pc * paddedN)
        }
        if k * n >= 1 << 18, blocks > 1 {
            FastGEMM.parallelFor(blocks, packBlock)
        } else {
            for block in 0..<blocks { packBlock(block) }
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

    /// Start of panel `panel` of the K block starting at row `pc` (`rows` tall).
    @inline(__always)
    func panel(block pc: Int, rows: Int, panel: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + pc * paddedN + panel * rows * Blocking.nr)
    }

    /// The unpacked `(k, n)` matrix, row-major (for tests).
    public var unpacked: [Float] {
        var out = [Float](repeating: 0, count: k * n)
        var pc = 0
        while pc < k {
            let rows = min(depth, k - pc)
            for panel in 0..<panelCount {
                let source = self.panel(block: pc, rows: rows, panel: panel)
                for r in 0..<rows {
                    for j in 0..<Blocking.nr where panel * Blocking.nr + j < n {
                        out[(pc + r) * n + panel * Blocking.nr + j] = source[r * Blocking.nr + j]
                    }
                }
            }
            pc += depth
        }
        return out
    }

    private static func pack(rows: Int, n: Int, panelCount: Int,
                             from b: UnsafePointer<Float>, ldb: Int, to destination: UnsafeMutablePointer<Float>) {
        let nr = Blocking.nr
        for panel in 0..<panelCount {
            let j0 = panel * nr
            let width = min(nr, n - j0)
            let out = destination + panel * rows * nr
            if width == nr {
                for r in 0..<rows {
                    (out + r * nr).update(from: b + r * ldb + j0, count: nr)
                }
            } else {
                for r in 0..<rows {
                    let row = out + r * nr
                    row.update(from: b + r * ldb + j0, count: width)
                    (row + width).update(repeating: 0, count: nr - width)
                }
            }
        }
    }
}
