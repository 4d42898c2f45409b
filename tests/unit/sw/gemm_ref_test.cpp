// sw/gemm_ref: the generator is the firmware's, the result equals a naive fmaf loop (exact
// mode) and the scalar mac() loop (approx mode) on every flag combination, strides and odd
// shapes, the checksums equal the ones the RISC-V reference computes in gemm_test, and the
// files hold what gemm.json says.
#include "sw/gemm_ref/gemm_ref.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "ip/matrix/bf16.h"
#include "ip/matrix/matrix_regs.h"
#include "sw/gemm_ref/gemm_data.h"

using namespace accelvp;
using namespace accelvp::sw;

namespace {

constexpr uint32_t kAllFlags[] = {
    0,
    MATRIX_FLAG_B_TRANSPOSED,
    MATRIX_FLAG_ACCUMULATE,
    MATRIX_FLAG_BIAS,
    MATRIX_FLAG_OUT_BF16,
    MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS,
    MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_OUT_BF16,
    MATRIX_FLAG_B_TRANSPOSED | MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS | MATRIX_FLAG_OUT_BF16,
};

// Element (i, j) of the result by the definition, one multiply-add at a time.
std::vector<uint32_t> naive(const GemmSpec& s, const GemmOperands& ops,
                            float (*step)(uint16_t, uint16_t, float, const GemmSpec&)) {
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < s.m; ++i)
        for (uint32_t j = 0; j < s.n; ++j) {
            float acc = 0.0f;
            if (s.accumulate()) {
                const uint32_t bits = ops.c_init[size_t{i} * s.ldc_or_dense() + j];
                acc = s.out_bf16() ? matrix::bf16_to_float(uint16_t(bits))
                                   : matrix::float_from_bits(bits);
            }
            if (s.bias()) acc = s.accumulate() ? acc + ops.bias[j] : ops.bias[j];
            for (uint32_t k = 0; k < s.k; ++k) {
                const uint16_t b = s.transposed_b() ? ops.b[size_t{j} * s.ldb_or_dense() + k]
                                                    : ops.b[size_t{k} * s.ldb_or_dense() + j];
                acc = step(ops.a[size_t{i} * s.lda_or_dense() + k], b, acc, s);
            }
            out.push_back(s.out_bf16() ? matrix::float_to_bf16(acc) : matrix::float_bits(acc));
        }
    return out;
}

float fmaf_step(uint16_t a, uint16_t b, float acc, const GemmSpec&) {
    return std::fmaf(matrix::bf16_to_float(a), matrix::bf16_to_float(b), acc);
}

float mac_step(uint16_t a, uint16_t b, float acc, const GemmSpec& s) {
    return matrix::mac(a, b, acc, s.mac);
}

GemmSpec spec(uint32_t m, uint32_t n, uint32_t k, uint32_t flags, uint32_t seed = 1) {
    GemmSpec s;
    s.m = m, s.n = n, s.k = k, s.flags = flags, s.seed = seed;
    return s;
}

std::vector<char> read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(GemmData, DrawsAreBf16InTheDocumentedRange) {
    uint32_t state = gemm_rng_init(1, GEMM_STREAM_A);
    for (int i = 0; i < 10000; ++i) {
        const uint16_t v = gemm_data_bf16(gemm_rng_next(&state));
        const unsigned exponent = (v >> 7) & 0xff;
        ASSERT_GE(exponent, 120u);
        ASSERT_LE(exponent, 127u);
    }
}

TEST(GemmData, StreamsAndSeedsDiffer) {
    EXPECT_NE(gemm_rng_init(1, GEMM_STREAM_A), gemm_rng_init(1, GEMM_STREAM_B));
    EXPECT_NE(gemm_rng_init(1, GEMM_STREAM_A), gemm_rng_init(2, GEMM_STREAM_A));
    EXPECT_NE(gemm_rng_init(0, 0), 0u);
}

// The firmware draws the same values: pinned (computed apart from this code, from the
// algorithm as gemm_data.h documents it) so that a change to the generator is seen.
TEST(GemmData, FirstDrawsArePinned) {
    uint32_t state = gemm_rng_init(1, GEMM_STREAM_A);
    uint16_t first[4];
    for (uint16_t& v : first) v = gemm_data_bf16(gemm_rng_next(&state));
    const uint16_t expected[4] = {0x3d8f, 0xbf8d, 0xbc2d, 0x3e56};
    for (int i = 0; i < 4; ++i) EXPECT_EQ(first[i], expected[i]) << i;
}

TEST(GemmRef, ExactEqualsNaiveFmafLoop) {
    const uint32_t shapes[][3] = {{1, 1, 1}, {17, 19, 23}, {3, 40, 1}, {33, 5, 70}, {16, 16, 16}};
    for (uint32_t flags : kAllFlags)
        for (const auto& sh : shapes) {
            GemmSpec s = spec(sh[0], sh[1], sh[2], flags, sh[0] + flags);
            const GemmOperands ops = generate(s);
            EXPECT_EQ(output_bits(s, compute(s, ops)), naive(s, ops, fmaf_step))
                << sh[0] << "x" << sh[1] << "x" << sh[2] << " flags " << flags;
        }
}

TEST(GemmRef, LeadingDimensionsBeyondTheRow) {
    for (uint32_t flags : kAllFlags) {
        GemmSpec s = spec(9, 11, 13, flags);
        s.lda = 20, s.ldb = 17, s.ldc = 15;
        const GemmOperands ops = generate(s);
        EXPECT_EQ(ops.a.size(), 9u * 20);
        EXPECT_EQ(ops.a[13], 0u) << "padding is zero";
        EXPECT_EQ(output_bits(s, compute(s, ops)), naive(s, ops, fmaf_step)) << flags;
    }
}

TEST(GemmRef, ApproxEqualsScalarMacLoop) {
    for (int g : {2, 4, 8})
        for (auto r :
             {matrix::MacConfig::Rounding::NearestEven, matrix::MacConfig::Rounding::TowardZero}) {
            GemmSpec s = spec(7, 9, 45, MATRIX_FLAG_BIAS | MATRIX_FLAG_B_TRANSPOSED, g);
            s.mac = {matrix::MacConfig::Mode::Approx, g, r};
            const GemmOperands ops = generate(s);
            EXPECT_EQ(output_bits(s, compute(s, ops)), naive(s, ops, mac_step)) << g;
        }
}

// The same two cases gemm_test checks its RISC-V reference against (firmware/apps/gemm_test).
TEST(GemmRef, ChecksumsMatchTheFirmwareReference) {
    GemmSpec plain = spec(23, 17, 29, 0, 7);
    EXPECT_EQ(checksum(plain, output_bits(plain, compute(plain, generate(plain)))), 0x4758e7a3u);
    GemmSpec all = spec(
        21, 18, 26,
        MATRIX_FLAG_B_TRANSPOSED | MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS | MATRIX_FLAG_OUT_BF16,
        8);
    EXPECT_EQ(checksum(all, output_bits(all, compute(all, generate(all)))), 0x840120a3u);
}

TEST(GemmRef, WritesTheFilesItDescribes) {
    const std::filesystem::path dir =
        std::filesystem::path(ACCELVP_BINARY_DIR) / "test-runs" / "gemm_ref_files";
    std::filesystem::remove_all(dir);
    GemmSpec s = spec(5, 6, 7, MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS | MATRIX_FLAG_OUT_BF16);
    s.ldc = 8;
    const GemmOperands ops = generate(s);
    const std::vector<uint32_t> out = output_bits(s, compute(s, ops));
    const nlohmann::json d = write_case(dir.string(), s, ops, out);

    const nlohmann::json on_disk = nlohmann::json::parse(read_file(dir / "gemm.json"));
    EXPECT_EQ(on_disk, d);
    EXPECT_EQ(d["checksum"], fmt::format("0x{:08x}", checksum(s, out)));
    EXPECT_EQ(d["flags"]["value"], s.flags);
    const std::pair<const char*, size_t> sizes[] = {
        {"a", 5 * 7 * 2}, {"b", 7 * 6 * 2}, {"c_in", 5 * 8 * 2}, {"bias", 6 * 4}, {"c", 5 * 8 * 2}};
    for (const auto& [key, bytes] : sizes) {
        ASSERT_TRUE(d["files"].contains(key)) << key;
        EXPECT_EQ(read_file(dir / d["files"][key]["file"].get<std::string>()).size(), bytes);
    }
    const std::vector<char> c = read_file(dir / "c.bin");
    for (uint32_t i = 0; i < s.m; ++i)
        for (uint32_t j = 0; j < s.ldc; ++j) {
            const size_t at = (size_t{i} * s.ldc + j) * 2;
            const uint32_t bits = uint8_t(c[at]) | uint32_t(uint8_t(c[at + 1])) << 8;
            EXPECT_EQ(bits, j < s.n ? out[i * s.n + j] : 0u) << i << "," << j;
        }
}

TEST(GemmRef, RefusesWhatTheEngineWouldRefuse) {
    const auto message = [](GemmSpec s) {
        try {
            s.validate();
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(message(spec(0, 1, 1, 0)).find("m:"), std::string::npos);
    EXPECT_NE(message(spec(1, 1, 65536, 0)).find("k:"), std::string::npos);
    EXPECT_NE(message(spec(1, 1, 1, 0x10)).find("flags"), std::string::npos);
    GemmSpec lda = spec(2, 2, 4, 0);
    lda.lda = 3;
    EXPECT_NE(message(lda).find("lda"), std::string::npos);
    GemmSpec ldb = spec(2, 2, 4, MATRIX_FLAG_B_TRANSPOSED);
    ldb.ldb = 2;  // a transposed B's rows are K long
    EXPECT_NE(message(ldb).find("ldb"), std::string::npos);
    GemmSpec mac = spec(1, 1, 1, 0);
    mac.mac.norm_group_bits = 4;  // exact mode needs G = 1
    EXPECT_NE(message(mac).find("mac:"), std::string::npos);
    EXPECT_EQ(message(spec(65535, 1, 1, 0)), "accepted");
}

}  // namespace
