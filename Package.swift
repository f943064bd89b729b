// swift-tools-version:6.1
import PackageDescription

/// AVX2 + FMA code generation. Without a target CPU, Swift lowers SIMD
/// `addingProduct` to library calls, about 100x slower. `-Xcc -march` only reaches
/// the C importer; `-target-cpu` is what Swift's own code generation uses (LLVM
/// here has no `x86-64-v3` CPU name; `haswell` is the same AVX2+FMA+BMI2 level).
let machineFlags: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-march=x86-64-v3", "-target-cpu", "haswell"]),
]

let package = Package(
    name: "InceptionExplorer",
    products: [
        .executable(name: "explore", targets: ["explore"]),
        .library(name: "NetworkModel", targets: ["NetworkModel"]),
        .library(name: "ModelData", targets: ["ModelData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The network as data and its shape arithmetic: no computation, no I/O.
        .target(name: "NetworkModel", swiftSettings: machineFlags),
        // NHWC float32 tensors and their statistics.
        .target(name: "Tensors", swiftSettings: machineFlags),
        // SGEMM: the protocol, the naive oracle and the packed, blocked, threaded FMA kernel.
        .target(name: "GEMM", dependencies: ["CPrefetch"], swiftSettings: machineFlags),
        // The cache prefetch instruction, which Swift cannot emit by itself (used by the GEMM kernel).
        .target(name: "CPrefetch"),
        // Naive reference ops, the Backend protocol, NaiveBackend and the Interpreter.
        .target(name: "Computation", dependencies: ["NetworkModel", "Tensors"], swiftSettings: machineFlags),
        // The fast backend: batch norm folded and weights packed at load, convolutions on FastGEMM.
        .target(name: "FastComputation", dependencies: ["Computation", "GEMM", "NetworkModel", "Tensors"], swiftSettings: machineFlags),
        // OpenBLAS's cblas_sgemm: explore bench's baseline only, never used to compute.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // JSON values whose objects keep their key order (reports, safetensors headers).
        .target(name: "JSONText", swiftSettings: machineFlags),
        // Tables, notes and the audit against the source table: text only.
        .target(name: "LedgerReports", dependencies: ["NetworkModel", "JSONText"], swiftSettings: machineFlags),
        // Weights (generated, safetensors), npy, images: everything that turns bytes into tensors.
        .target(name: "ModelData", dependencies: ["Tensors", "NetworkModel", "JSONText", "CPNG", "CImageShim", "SafeOutput"], swiftSettings: machineFlags),
        // Output files written under a temporary name and renamed when complete; removed on SIGINT/SIGTERM (C handler).
        .target(name: "SafeOutput", dependencies: ["CCleanup"]),
        .target(name: "CCleanup"),
        // Debian's libpng-dev and libjpeg-dev, and a C shim that keeps their longjmp away from Swift.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .target(name: "CImageShim", dependencies: ["CPNG", "CJPEG"]),
        // Golden files from TensorFlow/Keras (scripts/golden), their reader, and the layer-by-layer check.
        .target(name: "Verification", dependencies: ["NetworkModel", "Tensors", "Computation", "ModelData"], swiftSettings: machineFlags),
        // The command-line surface (also reused by the REPL).
        .target(
            name: "ExploreCommands",
            dependencies: [
                "NetworkModel", "LedgerReports", "JSONText", "ModelData", "REPL", "DiagramModel", "Rendering", "Tensors", "Computation", "GEMM", "COpenBLAS", "Verification", "FastComputation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: machineFlags
        ),
        // libedit's readline-compatible interface (Debian libedit-dev), for the REPL's line editing.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Ctrl-C for the REPL: the SIGINT flag and libedit's interruptible reader, in C.
        .target(name: "CInterrupt"),
        // The interactive explorer: session state, command parser, line editing, `explore step` reports.
        .target(
            name: "REPL",
            dependencies: ["CEditLine", "CInterrupt", "NetworkModel", "LedgerReports", "Tensors", "Computation", "ModelData", "DiagramModel", "Rendering", "Verification"],
            swiftSettings: machineFlags
        ),
        // Graphviz (gvc + cgraph) as a system library, for in-process layout and rendering.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // The architecture diagram as data (nodes, edges, clusters, legend) and its DOT text: no Graphviz.
        .target(name: "DiagramModel", dependencies: ["NetworkModel"], swiftSettings: machineFlags),
        // DOT text -> svg/png/pdf through Graphviz, in process.
        .target(name: "Rendering", dependencies: ["CGraphviz", "SafeOutput"], swiftSettings: machineFlags),
        .executableTarget(name: "explore", dependencies: ["ExploreCommands"], swiftSettings: machineFlags),

        .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "GEMMTests", dependencies: ["GEMM", "TestSupport"], swiftSettings: machineFlags),
        .testTarget(name: "FastComputationTests", dependencies: ["FastComputation", "Computation", "ModelData", "NetworkModel", "Tensors", "TestSupport"], swiftSettings: machineFlags),
        .testTarget(name: "ComputationTests", dependencies: ["Computation", "NetworkModel", "Tensors", "ModelData", "TestSupport"]),
        .testTarget(name: "LedgerReportsTests", dependencies: ["LedgerReports", "NetworkModel"]),
        .testTarget(name: "ModelDataTests", dependencies: ["ModelData", "Tensors", "NetworkModel"]),
        // Helpers for tests that run the built `explore` (not part of the product).
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Sources/TestSupport"),
        .testTarget(name: "DiagramModelTests", dependencies: ["DiagramModel", "NetworkModel"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "DiagramModel", "NetworkModel"]),
        .testTarget(name: "ExploreCommandsTests", dependencies: ["ExploreCommands", "TestSupport", "explore", "ModelData", "Tensors", "Computation", "NetworkModel"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "ExploreCommands", "NetworkModel", "ModelData", "TestSupport", "explore"], exclude: ["Transcripts"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Computation", "FastComputation", "ModelData", "NetworkModel", "Tensors"], swiftSettings: machineFlags),
    ],
    swiftLanguageModes: [.v6]
)
