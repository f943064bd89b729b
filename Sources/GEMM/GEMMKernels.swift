/// Every kernel the project has, in the order the tests and `explore bench` show them.
/// The first is the oracle.
public enum GEMMKernels {
    public static let all: [any GEMM] = [NaiveGEMM(), FastGEMM()]

    /// The kernel called `name`, if any.
    public static func named(_ name: String) -> (any GEMM)? {
        all.first { $0.name == name }
    }
}
