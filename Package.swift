// swift-tools-version:6.1
import PackageDescription

/// AVX2 + FMA code generation for `TileKernelsFMA` only, and only when building on x86-64
/// (this manifest is compiled for the building machine). Without a target CPU, Swift
/// lowers SIMD `addingProduct` to library calls, about 100x slower. `-Xcc -march` only
/// reaches the C importer; `-target-cpu` is what Swift's own code generation uses (LLVM
/// here has no `x86-64-v3` CPU name; `haswell` is the same AVX2+FMA+BMI2 level).
/// Every other target is portable: `GEMM` checks the CPU at run time (`TileCode`) and
/// uses `TileKernels`, the same source without flags, where AVX2 or FMA is missing.
#if arch(x86_64)
let fusedKernelFlags: [SwiftSetting] = [.define("FUSED_MULTIPLY_ADD"), .unsafeFlags(["-Xcc", "-march=x86-64-v3", "-target-cpu", "haswell"])]
/// AVX-512 code generation for `TileKernelsAVX512` (512-bit tiles), on x86-64 only; `GEMM`
/// uses them only where CPUID says AVX-512F is there and the OS saves its registers.
let wideKernelFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=x86-64-v4", "-target-cpu", "skylake-avx512"])]
#else
let fusedKernelFlags: [SwiftSetting] = [.define("FUSED_MULTIPLY_ADD")]
let wideKernelFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "InceptionExplorer",
    products: [
        .executable(name: "explore", targets: ["explore"]),
        .library(name: "NetworkModel", targets: ["NetworkModel"]),
        .library(name: "ModelData", targets: ["ModelData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // The network as data and its shape arithmetic: no computation, no I/O.
        .target(name: "NetworkModel"),
        // NHWC float32 tensors and their statistics.
        .target(name: "Tensors"),
        // SGEMM: the protocol, the naive oracle and the packed, blocked, threaded FMA kernel.
        .target(name: "GEMM", dependencies: ["CPrefetch", "CProcessor", "TileKernels", "TileKernelsFMA", "TileKernelsAVX512", "Tensors"]),
        // The 6 x 16 tile kernels, one source compiled twice: portable, and AVX2 + FMA (x86-64 flags).
        .target(name: "TileKernels", dependencies: ["CPrefetch"]),
        .target(name: "TileKernelsFMA", dependencies: ["CPrefetch"], swiftSettings: fusedKernelFlags),
        // The same tiles written for 512-bit registers (AVX-512 flags on x86-64).
        .target(name: "TileKernelsAVX512", dependencies: ["CPrefetch"], swiftSettings: wideKernelFlags),
        // CPUID: whether this processor has AVX2 and FMA (no machine flags).
        .target(name: "CProcessor"),
        // The cache prefetch instruction, which Swift cannot emit by itself (used by the GEMM kernel).
        .target(name: "CPrefetch"),
        // Naive reference ops, the Backend protocol, NaiveBackend and the Interpreter.
        .target(name: "Computation", dependencies: ["NetworkModel", "Tensors"]),
        // The fast backend: batch norm folded and weights packed at load, convolutions on FastGEMM.
        .target(name: "FastComputation", dependencies: ["Computation", "GEMM", "NetworkModel", "Tensors"]),
        // JSON values whose objects keep their key order (reports, safetensors headers).
        .target(name: "JSONText"),
        // Tables, notes and the audit against the source table: text only.
        .target(name: "LedgerReports", dependencies: ["NetworkModel", "JSONText"]),
        // Weights (generated, safetensors), npy, images: everything that turns bytes into tensors.
        .target(name: "ModelData", dependencies: ["Tensors", "NetworkModel", "JSONText", "CPNG", "CImageShim", "SafeOutput"]),
        // Output files written under a temporary name and renamed when complete; removed on SIGINT/SIGTERM (C handler).
        .target(name: "SafeOutput", dependencies: ["CCleanup"]),
        .target(name: "CCleanup"),
        // Debian's libpng-dev and libjpeg-dev, and a C shim that keeps their longjmp away from Swift.
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"]), .brew(["jpeg"])]),
        .target(name: "CImageShim", dependencies: ["CPNG", "CJPEG"]),
        // Golden files from TensorFlow/Keras (scripts/golden), their reader, and the layer-by-layer check.
        .target(name: "Verification", dependencies: ["NetworkModel", "Tensors", "Computation", "ModelData"]),
        // Coursework: seeded SAME/VALID exercise sheets, their answer keys, grading and the REPL's quiz.
        .target(name: "Coursework", dependencies: ["NetworkModel", "LedgerReports", "JSONText", "Tensors", "SafeOutput"]),
        // The session below the command line and the REPL: one settings model, building the
        // network, weights, backend and image from it, stepping, verifying and their reports.
        .target(
            name: "Exploration",
            dependencies: [
                "CInterrupt", "NetworkModel", "LedgerReports", "Tensors", "Computation", "FastComputation", "ModelData", "DiagramModel", "Rendering",
                "Verification", "Coursework",
            ]
        ),
        // Ctrl-C: the SIGINT flag (read by the session between ops) and libedit's interruptible reader, in C.
        .target(name: "CInterrupt"),
        // libedit's readline-compatible interface (Debian libedit-dev), for the REPL's line editing.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        // The interactive explorer: the command parser, line editing and completion over a session.
        .target(name: "REPL", dependencies: ["Exploration", "CEditLine", "CInterrupt", "NetworkModel"]),
        // explore bench: GEMM kernels and forward passes timed; OpenBLAS is looked up at run time as the baseline.
        .target(
            name: "Benchmarks",
            dependencies: ["Exploration", "Computation", "FastComputation", "GEMM", "NetworkModel", "JSONText", "LedgerReports", "Tensors"]
        ),
        // The command-line surface: parse, call the session (or a report), print.
        .target(
            name: "ExploreCommands",
            dependencies: [
                "Exploration", "REPL", "Benchmarks", "Coursework", "Course", "NetworkModel", "LedgerReports", "JSONText", "ModelData", "DiagramModel",
                "Rendering", "Computation", "Verification", "GEMM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Graphviz (gvc + cgraph) as a system library, for in-process layout and rendering.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]),
        // The architecture diagram as data (nodes, edges, clusters, legend) and its DOT text: no Graphviz.
        .target(name: "DiagramModel", dependencies: ["NetworkModel"]),
        // DOT text -> svg/png/pdf through Graphviz, in process.
        .target(name: "Rendering", dependencies: ["CGraphviz", "SafeOutput"]),
        // Executable lessons: console blocks parsed, run against explore, diffed, recorded and rendered (Ink).
        .target(name: "Course", dependencies: ["SafeOutput", .product(name: "Ink", package: "Ink")]),
        .executableTarget(name: "explore", dependencies: ["ExploreCommands"]),

        .testTarget(name: "NetworkModelTests", dependencies: ["NetworkModel", "TestSupport"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
        .testTarget(name: "GEMMTests", dependencies: ["GEMM", "TestSupport"]),
        // The optimisation ladder's steps, each against a float64 direct convolution.
        .testTarget(name: "LadderTests", dependencies: ["FastComputation", "Benchmarks", "GEMM", "JSONText", "NetworkModel", "Tensors", "TestSupport"]),
        .testTarget(name: "FastComputationTests", dependencies: ["FastComputation", "Computation", "ModelData", "NetworkModel", "Tensors", "TestSupport"]),
        .testTarget(name: "ComputationTests", dependencies: ["Computation", "NetworkModel", "Tensors", "ModelData", "TestSupport"]),
        .testTarget(name: "LedgerReportsTests", dependencies: ["LedgerReports", "NetworkModel"]),
        .testTarget(name: "ModelDataTests", dependencies: ["ModelData", "Tensors", "NetworkModel"]),
        // Helpers for tests that run the built `explore` (not part of the product).
        .target(name: "TestSupport", dependencies: ["Tensors", "NetworkModel"], path: "Sources/TestSupport"),
        .testTarget(name: "DiagramModelTests", dependencies: ["DiagramModel", "NetworkModel"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "DiagramModel", "NetworkModel"]),
        .testTarget(
            name: "ExploreCommandsTests",
            dependencies: ["ExploreCommands", "Benchmarks", "TestSupport", "explore", "ModelData", "Tensors", "Computation", "NetworkModel"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "JSONText", "NetworkModel", "FastComputation"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "Exploration", "NetworkModel", "ModelData", "TestSupport", "explore"], exclude: ["Transcripts"]),
        .testTarget(name: "CourseworkTests", dependencies: ["Coursework", "NetworkModel", "LedgerReports", "Tensors", "TestSupport"]),
        .testTarget(name: "CourseTests", dependencies: ["Course", "TestSupport", "explore"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "Computation", "FastComputation", "ModelData", "NetworkModel", "Tensors"]),
    ],
    swiftLanguageModes: [.v6]
)
