import NetworkModel
import TestSupport
import Testing

/// TensorFlow's SAME/VALID arithmetic against a brute-force enumeration of window positions.
struct WindowArithmeticTests {
    typealias Enumerated = EnumeratedAxis

    static func enumerate(length n: Int, kernel k: Int, stride s: Int, padding: Padding) -> Enumerated? {
        EnumeratedAxis.enumerate(length: n, kernel: k, stride: s, padding: padding)
    }

    @Test(arguments: Padding.allCases, 1...4)
    func axisMatchesEnumeration(padding: Padding, stride: Int) {
        for length in 1...64 {
            for kernel in 1...7 {
                let expected = Self.enumerate(length: length, kernel: kernel, stride: stride, padding: padding)
                let axis = AxisWindow(inputLength: length, kernel: kernel, stride: stride, padding: padding)
                let found = axis.map { Enumerated(output: $0.outputLength, before: $0.padBefore, after: $0.padAfter, lost: $0.lostIndices) }
                #expect(found == expected, "n=\(length) k=\(kernel) s=\(stride) \(padding)")
            }
        }
    }

    /// Square and 1xn kernels on square maps: each axis follows its own enumeration.
    @Test(arguments: Padding.allCases)
    func geometryCombinesAxes(padding: Padding) {
        for size in 1...64 {
            for kernel in 1...7 {
                for stride in 1...4 {
                    for kernelShape in [Size2(kernel, kernel), Size2(1, kernel), Size2(kernel, 1)] {
                        let rows = Self.enumerate(length: size, kernel: kernelShape.height, stride: stride, padding: padding)
                        let columns = Self.enumerate(length: size, kernel: kernelShape.width, stride: stride, padding: padding)
                        let geometry = WindowGeometry(input: Size2(size, size), kernel: kernelShape, stride: Size2(stride, stride), padding: padding)
                        guard let rows, let columns else {
                            #expect(geometry == nil, "size \(size) kernel \(kernelShape) stride \(stride) \(padding) should not fit")
                            continue
                        }
                        guard let geometry else {
                            Issue.record("size \(size) kernel \(kernelShape) stride \(stride) \(padding) should fit")
                            continue
                        }
                        #expect(geometry.output == Size2(rows.output, columns.output))
                        #expect(geometry.pad == SidePadding(top: rows.before, bottom: rows.after, left: columns.before, right: columns.after))
                        #expect(geometry.lostRows == rows.lost && geometry.lostColumns == columns.lost)
                    }
                }
            }
        }
    }

    /// Hand-worked cases, including TensorFlow's asymmetric SAME padding.
    @Test func handWorkedCases() throws {
        // 2x2 stride 2 SAME on 7: out 4, total (4-1)*2+2-7 = 1 -> 0 before, 1 after.
        let even = try #require(AxisWindow(inputLength: 7, kernel: 2, stride: 2, padding: .same))
        #expect((even.outputLength, even.padBefore, even.padAfter) == (4, 0, 1))
        // 3x3 stride 2 SAME on 8: out 4, total (4-1)*2+3-8 = 1 -> the odd pixel at the bottom.
        let odd = try #require(AxisWindow(inputLength: 8, kernel: 3, stride: 2, padding: .same))
        #expect((odd.outputLength, odd.padBefore, odd.padAfter) == (4, 0, 1))
        // The stem: 160 -> 79 loses row 159; 77 -> 38 loses nothing; 36 -> 17 loses row 35.
        #expect(AxisWindow(inputLength: 160, kernel: 3, stride: 2, padding: .valid)?.lostIndices == [159])
        #expect(AxisWindow(inputLength: 77, kernel: 3, stride: 2, padding: .valid)?.lostIndices == [])
        #expect(AxisWindow(inputLength: 36, kernel: 3, stride: 2, padding: .valid)?.lostIndices == [35])
        // A 1x1 stride-2 window skips every other pixel.
        #expect(AxisWindow(inputLength: 5, kernel: 1, stride: 2, padding: .valid)?.lostIndices == [1, 3])
        #expect(AxisWindow(inputLength: 2, kernel: 3, stride: 1, padding: .valid) == nil)
    }
}
