/// libFuzzer entry: the bytes as a golden file, loaded, checked against the ledger,
/// and every recorded tensor read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGolden(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? GoldenFile.load(path: FuzzInput.write(data, size, suffix: "golden")) else { return 0 }
    for input in file.header.inputs {
        _ = file.image(of: input)
        for layer in input.layers { _ = file.values(of: layer) }
    }
    if let ledger = FuzzInput.ledger { try? file.check(against: ledger) }
    return 0
}
