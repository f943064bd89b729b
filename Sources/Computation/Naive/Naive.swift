import Tensors

/// The reference operations: plain loops over NHWC float32 tensors at batch 1,
/// written to be read next to TensorFlow's definitions and kept forever as the
/// oracle the optimised kernels are checked against.
///
/// Conventions shared by every op:
/// - a map is `[1, h, w, c]`, a vector `[1, n]`; weights are HWIO `[kh, kw, cin, cout]`
///   or `[in, out]`;
/// - window arithmetic (output size, padding per side) comes from NetworkModel's
///   `WindowGeometry`, never re-derived here;
/// - sums accumulate in Float (as TensorFlow's CPU kernels do), in a fixed order;
/// - a wrong shape is a programming error (the ledger and the backends check shapes
///   before calling), so the ops trap with a message instead of throwing.
public enum Naive {}

extension Naive {
    /// `(h, w, c)` of a map `[1, h, w, c]`.
    static func mapDimensions(_ tensor: Tensor, _ what: String) -> (height: Int, width: Int, channels: Int) {
        precondition(tensor.rank == 4 && tensor.shape[0] == 1, "\(what) must be a map [1, h, w, c], got \(tensor.shape)")
        return (tensor.shape[1], tensor.shape[2], tensor.shape[3])
    }

    /// The width of the last axis: channels of a map or length of a vector.
    static func channelCount(_ tensor: Tensor) -> Int {
        tensor.shape.last ?? 1
    }
}
