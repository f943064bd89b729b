import Foundation
import NetworkModel
import Tensors
import Testing

@testable import ModelData

/// Expected values computed independently by a one-off Python 3 script using plain
/// integers (`& (2**64-1)` after every multiply) and `struct.pack('<f')` for the float32
/// rounding — no numpy, no Swift — following docs/generated-weights.md word for word.
/// Bits are the float32 bit patterns.
@Suite struct GeneratedWeightsTests {
    @Test func fnvOfAName() {
        #expect(GeneratedWeights.fnv1a("InceptionResnetV2/Conv2d_1a_3x3/weights") == 0xcaeb_9c57_b6c8_74f8)
        // FNV-1a's published test vectors: "" and "a".
        #expect(GeneratedWeights.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(GeneratedWeights.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test(
        arguments: [
            // (seed, name, shape, index, float32 bits from the Python script)
            (UInt64(2018), "InceptionResnetV2/Conv2d_1a_3x3/weights", [3, 3, 3, 32], 0, UInt32(0x3ea0_04af)),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/weights", [3, 3, 3, 32], 1, 0xbe67_47f4),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/weights", [3, 3, 3, 32], 863, 0x3d4d_3e29),
            (2018, "InceptionResnetV2/Repeat/block35_1/Conv2d_1x1/weights", [1, 1, 128, 320], 0, 0xbcd5_a2f2),
            (2018, "InceptionResnetV2/Repeat/block35_1/Conv2d_1x1/weights", [1, 1, 128, 320], 5, 0x3d1c_6d06),
            (2018, "InceptionResnetV2/Bottleneck/weights", [1536, 1024], 0, 0xbc7b_8a50),
            (2018, "InceptionResnetV2/Repeat/block35_1/Conv2d_1x1/biases", [320], 3, 0xbd25_bcea),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/beta", [32], 3, 0xbdab_0ffb),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/moving_mean", [32], 3, 0xbd9c_3ebb),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/moving_variance", [32], 0, 0x3f8a_f2e6),
            (2018, "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/moving_variance", [32], 31, 0x3f55_7d26),
            (7, "InceptionResnetV2/Conv2d_1a_3x3/weights", [3, 3, 3, 32], 863, 0x3dd7_ac2a),
            (7, "InceptionResnetV2/Bottleneck/weights", [1536, 1024], 0, 0x3d16_694a),
            (7, "InceptionResnetV2/Conv2d_1a_3x3/BatchNorm/moving_variance", [32], 0, 0x3f0a_d8ea),
        ] as [(UInt64, String, [Int], Int, UInt32)])
    func elementMatchesIndependentComputation(seed: UInt64, name: String, shape: [Int], index: Int, bits: UInt32) throws {
        let byName = try GeneratedWeights(seed: seed).tensor(named: name, shape: shape)
        #expect(byName.scalars[index].bitPattern == bits, "\(name)[\(index)] = \(byName.scalars[index])")
        let byLedger = try GeneratedWeights(seed: seed, ledger: Ledger.faceNet()).tensor(named: name, shape: shape)
        #expect(byLedger.scalars[index].bitPattern == bits)
    }

    @Test func defaultSeedIs2018() {
        #expect(GeneratedWeights.defaultSeed == 2018)
        #expect(GeneratedWeights().seed == 2018)
        #expect(GeneratedWeights().sourceDescription == "seeded random weights (seed 2018, untrained)")
    }

    /// Roles from names agree with roles from the declaration for every FaceNet variable.
    @Test func nameRulesAgreeWithTheDeclaration() throws {
        let ledger = try Ledger.faceNet()
        var linear = 0
        for entry in ledger.entries {
            for variable in entry.weights {
                let declared = GeneratedWeights.scaling(of: variable, in: entry)
                #expect(GeneratedWeights.scaling(forName: variable.name) == declared, "\(variable.name)")
                if declared == .linearWeights { linear += 1 }
            }
        }
        // 10 + 20 + 9 + 1 up projections and the Bottleneck.
        #expect(linear == 41)
        #expect(GeneratedWeights.scaling(forName: "InceptionResnetV2/Mixed_5b/Branch_0/Conv2d_1x1/weights") == .reluWeights)
        #expect(GeneratedWeights.scaling(forName: "InceptionResnetV2/Block8/Conv2d_1x1/weights") == .linearWeights)
        #expect(GeneratedWeights.scaling(forName: "InceptionResnetV2/Conv2d_7b_1x1/weights") == .reluWeights)
    }

    /// Uniform on [-a, a) has std a/sqrt(3): sqrt(2/fan_in) for ReLU layers, sqrt(1/fan_in) otherwise.
    @Test func scalesFollowFanIn() throws {
        let weights = GeneratedWeights()
        let conv = try weights.tensor(named: "InceptionResnetV2/Repeat_1/block17_4/Branch_1/Conv2d_0b_1x7/weights", shape: [1, 7, 128, 160])
        let fanIn = 7.0 * 128
        // 143,360 samples: the std's relative sampling error is about 0.2%.
        #expect(abs(conv.statistics.standardDeviation / (2 / fanIn).squareRoot() - 1) < 0.01)
        #expect(abs(conv.statistics.mean) < 0.01 * (2 / fanIn).squareRoot())
        #expect(Double(conv.statistics.max) <= (6 / fanIn).squareRoot())
        #expect(Double(conv.statistics.min) >= -(6 / fanIn).squareRoot())

        let up = try weights.tensor(named: "InceptionResnetV2/Repeat_1/block17_4/Conv2d_1x1/weights", shape: [1, 1, 384, 1088])
        #expect(abs(up.statistics.standardDeviation / (1 / 384.0).squareRoot() - 1) < 0.01)

        let variance = try weights.tensor(named: "InceptionResnetV2/Repeat_1/block17_4/Branch_1/Conv2d_0b_1x7/BatchNorm/moving_variance", shape: [160])
        #expect(variance.scalars.allSatisfy { $0 >= 0.5 && $0 < 1.5 })
        let beta = try weights.tensor(named: "InceptionResnetV2/Conv2d_7b_1x1/BatchNorm/beta", shape: [1536])
        #expect(beta.scalars.allSatisfy { $0 >= -0.1 && $0 < 0.1 })
        #expect(abs(beta.statistics.standardDeviation - 0.1 / 3.0.squareRoot()) < 0.005)
    }

    @Test func deterministicPerNameAndSeed() throws {
        let name = "InceptionResnetV2/Mixed_6a/Branch_0/Conv2d_1a_3x3/weights"
        let a = try GeneratedWeights().tensor(named: name, shape: [3, 3, 320, 384])
        let b = try GeneratedWeights(seed: 2018).tensor(named: name, shape: [3, 3, 320, 384])
        let c = try GeneratedWeights(seed: 2019).tensor(named: name, shape: [3, 3, 320, 384])
        let other = try GeneratedWeights().tensor(named: "InceptionResnetV2/Mixed_6a/Branch_1/Conv2d_1a_3x3/weights", shape: [3, 3, 320, 384])
        #expect(a == b)
        #expect(a != c)
        #expect(a != other)
        // Every v is a multiple of 2^-23 in [-1, 1): check through a 0.1-scaled variable's raw v.
        let v = GeneratedWeights.uniform(seed: 2018, name: name, index: 0)
        #expect(v >= -1 && v < 1 && (v * 0x1p23).rounded() == v * 0x1p23)
    }

    @Test func errorsNameTheSourceAndTheTensor() throws {
        #expect(throws: WeightsError.unknownRole(source: "seeded random weights (seed 2018, untrained)", tensor: "foo/gamma")) {
            try GeneratedWeights().tensor(named: "foo/gamma", shape: [3])
        }
        let declared = GeneratedWeights(ledger: try Ledger.faceNet())
        #expect(throws: WeightsError.missingTensor(source: "seeded random weights (seed 2018, untrained)", tensor: "InceptionResnetV2/Nope/weights")) {
            try declared.tensor(named: "InceptionResnetV2/Nope/weights", shape: [1, 1, 3, 3])
        }
        let error = WeightsError.wrongShape(
            source: "seeded random weights (seed 2018, untrained)", tensor: "InceptionResnetV2/Conv2d_1a_3x3/weights", expected: [3, 3, 3, 33],
            found: [3, 3, 3, 32])
        #expect(throws: error) {
            try declared.tensor(named: "InceptionResnetV2/Conv2d_1a_3x3/weights", shape: [3, 3, 3, 33])
        }
        #expect(
            error.description
                == "seeded random weights (seed 2018, untrained): tensor 'InceptionResnetV2/Conv2d_1a_3x3/weights' has shape [3, 3, 3, 32], expected [3, 3, 3, 33]"
        )
    }
}
