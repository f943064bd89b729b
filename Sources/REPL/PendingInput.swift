import ModelData
import Tensors

// TEMPORARY: stands in for ModelData's SyntheticImage / InputImage until they land.
enum PendingInput {
    static func synthetic(size: Int) -> Tensor {
        var scalars: [Float] = []
        scalars.reserveCapacity(size * size * 3)
        for y in 0..<size {
            for x in 0..<size {
                for c in 0..<3 {
                    let v = Float((x * 7 + y * 13 + c * 50) % 256)
                    scalars.append((v - 127.5) / 128)
                }
            }
        }
        return Tensor(shape: [1, size, size, 3], scalars: scalars)
    }

    static func load(path: String, size: Int) throws -> Tensor {
        let tensor = try NPY.read(path: path)
        return tensor.reshaped([1, size, size, 3])
    }
}
