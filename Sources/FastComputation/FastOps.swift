import Dispatch
import GEMM
import NetworkModel
import Tensors

/// The fast backend's layer functions: plain functions of tensors, like `Naive`'s.
enum FastOps {
    /// Runs `body` over `0..<count` split into `chunks` contiguous ranges, on all cores.
    static func parallelChunks(_ count: Int, chunks: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let chunks = max(1, min(chunks, count))
        if chunks == 1 {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        WorkerPool.shared.parallelFor(chunks) { chunk in
            // The last chunks can start past the end (5 rows in 4 chunks of 2: the
            // fourth starts at 6): those have nothing to do.
            let start = min(count, chunk * size)
            let range = start..<min(count, start + size)
            if !range.isEmpty { body(range) }
        }
    }

    /// `parallelChunks` for a loop that touches `elements` floats: four chunks when
    /// that is worth a parallel start (a few microseconds), else one.
    static func parallelChunks(_ count: Int, elements: Int, _ body: @Sendable (Range<Int>) -> Void) {
        parallelChunks(count, chunks: elements >= 1 << 15 ? 4 : 1, body)
    }

    /// `body` with the first scalar of each tensor, in order.
    static func withStarts<R>(of tensors: [Tensor], _ body: ([UnsafePointer<Float>]) -> R) -> R {
        var starts: [UnsafePointer<Float>] = []
        starts.reserveCapacity(tensors.count)
        func next(_ index: Int) -> R {
            guard index < tensors.count else { return body(starts) }
            return tensors[index].scalars.withUnsafeBufferPointer { scalars in
                starts.append(scalars.baseAddress!)
                return next(index + 1)
            }
        }
        return next(0)
    }
}
