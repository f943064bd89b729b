import Testing

@testable import ModelData

/// Numbers from TensorFlow 2.21 itself (a one-off script in the golden virtualenv,
/// `tf.image.resize(x, (h, w), method='bilinear', antialias=False)` and
/// `tf.image.per_image_standardization`), pasted as float32 bit patterns.
@Suite struct TensorFlowAgreementTests {
    /// `x = np.arange(35, dtype=np.float32) ** 1.5 % 97`, shaped [1, 5, 7, 1].
    static let input: [UInt32] = [
        0x0, 0x3f80_0000, 0x4035_04f3, 0x40a6_46e1, 0x4100_0000, 0x4132_e2ac, 0x416b_26a9, 0x4194_297e, 0x41b5_04f3,
        0x41d8_0000, 0x41fc_fb72, 0x4211_ee76, 0x4226_46e1, 0x423b_7d19, 0x4251_8866, 0x4268_6106, 0x4280_0000, 0x428c_2f83,
        0x4298_bc2d, 0x42a5_a35e, 0x42b2_e2ac, 0x42c0_77db, 0x40c6_0d80, 0x4154_ddb0, 0x41a4_9aa4, 0x41e0_0000, 0x420e_4c4c,
        0x422d_2f38, 0x424c_a5f8, 0x426c_addc, 0x4286_a230, 0x4297_338e, 0x42a8_09e6, 0x42b9_2422, 0x4088_1360,
    ]
    static let down3x4: [UInt32] = [
        0x40dd_fa62, 0x4134_68a0, 0x4188_770e, 0x41bf_0a3b, 0x425a_19a2, 0x4281_85f0, 0x4297_2a98, 0x42ad_eaef,
        0x4263_bac6, 0x4249_3931, 0x4280_abad, 0x4219_8673,
    ]
    static let up8x11: [UInt32] = [
        0x0, 0x3ee8_ba2e, 0x3f95_46b6, 0x4015_1ae0, 0x406c_1f6c, 0x40a6_46e1, 0x40df_5f97, 0x410d_e0ba, 0x412e_426e, 0x4151_9364, 0x416b_26a9,
        0x4101_a44e, 0x4112_cd0b, 0x412b_aba3, 0x4149_9ec8, 0x4169_f8ca, 0x4186_0ffa, 0x4198_ea97, 0x41ac_72c6, 0x41c0_e266, 0x41d6_8f2b, 0x41e6_3056,
        0x41a5_17f3, 0x41b4_64b0, 0x41ca_00b2, 0x41e0_c036, 0x41f8_3721, 0x4208_1bce, 0x4214_b46f, 0x4221_8b62, 0x422e_b56f, 0x423c_56e9, 0x4246_219d,
        0x4227_3442, 0x4230_ad5b, 0x423e_049e, 0x424b_d496, 0x4259_f1ae, 0x4268_489e, 0x4277_2164, 0x4283_17ee, 0x428a_c2f5, 0x4292_a1ee, 0x4298_4762,
        0x4284_2c58, 0x425c_52ef, 0x4229_c826, 0x4239_c691, 0x424a_0733, 0x425a_797e, 0x426b_5c78, 0x427c_6e7c, 0x4286_df9d, 0x428f_b5dc, 0x4296_0b37,
        0x42ba_fca0, 0x425d_2312, 0x4121_2bcc, 0x4168_d838, 0x4198_b840, 0x41bd_5cda, 0x41e2_cb58, 0x4204_4746, 0x4217_615e, 0x422a_ce7d, 0x4238_b89a,
        0x428d_c31e, 0x425c_165e, 0x4212_c2ea, 0x4226_5992, 0x423a_2664, 0x424e_1bd4, 0x4262_6e4c, 0x4276_e7ec, 0x4285_cae2, 0x4229_84ef, 0x41aa_ac0a,
        0x424c_a5f8, 0x425b_3531, 0x426f_a445, 0x4282_3092, 0x428c_a881, 0x4297_338e, 0x42a1_ea80, 0x42ac_b3f6, 0x42b7_961d, 0x4231_9689, 0x4088_1360,
    ]

    /// Bit for bit: the same formula in the same float32 order as TF's CPU kernel.
    @Test(arguments: [(3, 4, TensorFlowAgreementTests.down3x4), (8, 11, TensorFlowAgreementTests.up8x11)])
    func bilinearResizeMatchesTensorFlow(height: Int, width: Int, expected: [UInt32]) {
        let input = Self.input.map(Float.init(bitPattern:))
        let out = BilinearResize.resize(input, height: 5, width: 7, channels: 1, outHeight: height, outWidth: width)
        #expect(out.map(\.bitPattern) == expected)
    }

    @Test func perImageStandardisationMatchesTensorFlow() {
        let out = Standardisation.perImage.apply([0, 0, 0, 4, 1, 9])
        let reference = ([0xbf35_04f3, 0xbf35_04f3, 0xbf35_04f3, 0x3f01_4cae, 0xbece_e115, 0x4001_4cae] as [UInt32]).map(Float.init(bitPattern:))
        #expect(zip(out, reference).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(out) vs \(reference)")
    }
}
