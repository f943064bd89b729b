/// libFuzzer entry: the bytes as a .npy file, read whole.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? NPY.read(path: FuzzInput.write(data, size, suffix: "npy"))
    return 0
}
