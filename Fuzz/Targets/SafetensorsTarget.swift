import Foundation

/// libFuzzer entry: the bytes as a .safetensors file, opened and every tensor read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(data, size, suffix: "safetensors")
    if let weights = try? SafetensorsWeights(contentsOf: path) {
        for name in weights.names {
            if let entry = weights.entries[name] { _ = try? weights.tensor(named: name, shape: entry.shape) }
        }
    }
    return 0
}
