/// libFuzzer entry: the bytes as an image (PNG, JPEG or .npy by their first bytes),
/// decoded and resized to the network's input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? InputImage.load(path: FuzzInput.write(data, size, suffix: "image"), size: 16)
    return 0
}
