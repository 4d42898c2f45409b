// Exact mode of the MAC unit against the host's fmaf on the widened operands (bits, NaN by
// class) on every corner class and on random vectors; the canonical NaN; config validation.
#include "ip/matrix/mac.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <stdexcept>
#include <string>

#include "tests/unit/matrix/mac_vectors.h"

using namespace accelvp::matrix;
using namespace accelvp::matrix::test;

namespace {

const MacConfig kExact{};

float f(uint32_t bits) {
    return float_from_bits(bits);
}

::testing::AssertionResult matches_host(uint16_t a, uint16_t b, float acc) {
    const float model = mac(a, b, acc, kExact), host = host_fma(a, b, acc);
    if (same_result(model, host)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << std::hex << "a=" << a << " b=" << b << " acc=" << float_bits(acc) << ": model "
           << float_bits(model) << ", host " << float_bits(host);
}

// Expected bits of exact mode for hand-picked cases, each one named by what it checks.
struct Case {
    const char* what;
    uint16_t a, b;
    uint32_t acc, expected;
};

void expect_cases(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        EXPECT_EQ(float_bits(mac(c.a, c.b, f(c.acc), kExact)), c.expected) << c.what;
        EXPECT_TRUE(matches_host(c.a, c.b, f(c.acc))) << c.what;
    }
}

TEST(MacExact, EveryCornerClassEqualsHostFma) {
    const auto ops = corner_bf16();
    const auto accs = corner_fp32_bits();
    int checked = 0;
    for (uint16_t a : ops)
        for (uint16_t b : ops) {
            for (uint32_t acc : accs) {
                ASSERT_TRUE(matches_host(a, b, f(acc)));
                ++checked;
            }
            for (float acc : cancelling_accumulators(a, b)) {
                ASSERT_TRUE(matches_host(a, b, acc));
                ++checked;
            }
        }
    EXPECT_GT(checked, 20000);
}

TEST(MacExact, SignedZeros) {
    expect_cases({
        {"+0 * 1 + +0", 0x0000, 0x3f80, 0x00000000, 0x00000000},
        {"-0 * 1 + -0", 0x8000, 0x3f80, 0x80000000, 0x80000000},
        {"-0 * 1 + +0", 0x8000, 0x3f80, 0x00000000, 0x00000000},
        {"+0 * -1 + -0", 0x0000, 0xbf80, 0x80000000, 0x80000000},
        {"1 * 1 + -1 (exact cancellation)", 0x3f80, 0x3f80, 0xbf800000, 0x00000000},
        {"-1 * 1 + 1 (exact cancellation)", 0xbf80, 0x3f80, 0x3f800000, 0x00000000},
        {"-2^-75 * 2^-75 + -0 (negative underflow)", 0x9a00, 0x1a00, 0x80000000, 0x80000000},
    });
}

TEST(MacExact, RoundingTiesGoToEven) {
    expect_cases({
        {"2^24 + 1: tie, down to even", 0x3f80, 0x3f80, 0x4b800000, 0x4b800000},
        {"2^24 + 2 + 1: tie, up to even", 0x3f80, 0x3f80, 0x4b800001, 0x4b800002},
        {"-(2^24 + 1): tie, to even", 0xbf80, 0x3f80, 0xcb800000, 0xcb800000},
        {"1 + 2^-24: tie, down", 0x3380, 0x3f80, 0x3f800000, 0x3f800000},
        {"2^-150: tie with 0, to 0", 0x1a00, 0x1a00, 0x00000000, 0x00000000},
        {"3 * 2^-150: tie, up to 2^-148", 0x1a00, 0x1a00, 0x00000001, 0x00000002},
    });
}

TEST(MacExact, SubnormalsAreNotFlushed) {
    expect_cases({
        {"subnormal bf16 input, normal result", 0x0001, 0x7f00, 0x00000000, 0x3c800000},
        {"subnormal result from normals", 0x1f80, 0x1f80, 0x00000000, 0x00200000},
        {"subnormal accumulator kept", 0x0000, 0x3f80, 0x00000001, 0x00000001},
        {"subnormal + subnormal product", 0x0040, 0x3f80, 0x00000001, 0x00400001},
        {"largest subnormal + ulp = smallest normal", 0x1a00, 0x1a80, 0x007fffff, 0x00800000},
    });
}

TEST(MacExact, OverflowAndInfinities) {
    expect_cases({
        {"max * max overflows", 0x7f7f, 0x7f7f, 0x00000000, 0x7f800000},
        {"-max * max overflows negative", 0xff7f, 0x7f7f, 0x00000000, 0xff800000},
        {"max fp32 + max bf16 * 1", 0x7f7f, 0x3f80, 0x7f7fffff, 0x7f800000},
        {"2^128 product cancelled back into range: 2^104", 0x7f00, 0x4000, 0xff7fffff, 0x73800000},
        {"max * max - max still overflows", 0x7f7f, 0x7f7f, 0xff7fffff, 0x7f800000},
        {"inf * 2 + finite", 0x7f80, 0x4000, 0x3f800000, 0x7f800000},
        {"finite + -inf acc", 0x3f80, 0x3f80, 0xff800000, 0xff800000},
        {"inf * -1 + -inf", 0x7f80, 0xbf80, 0xff800000, 0xff800000},
    });
}

TEST(MacExact, NaNResultsAreCanonical) {
    const std::vector<MacInput> nans = {
        {0x7f80, 0x0000, f(0x3f800000)},  // inf * 0
        {0x7f80, 0x3f80, f(0xff800000)},  // inf - inf
        {0x7fc0, 0x3f80, f(0)},           // NaN operand
        {0x3f80, 0xffc1, f(0)},           // negative NaN with payload
        {0x7f81, 0x3f80, f(0)},           // signalling NaN
        {0x3f80, 0x3f80, f(0xffc00123)},  // NaN accumulator with payload
        {0x0000, 0x7f80, f(0x7fc00000)},  // 0 * inf + NaN
    };
    for (const MacInput& v : nans)
        EXPECT_EQ(float_bits(mac(v.a, v.b, v.acc, kExact)), kCanonicalNaN);
}

TEST(MacExact, MillionRandomBitPatternsEqualHostFma) {
    VectorGenerator gen(0x5eed0001);
    for (int i = 0; i < 1'000'000; ++i) {
        const MacInput v = gen.any_bits();
        ASSERT_TRUE(matches_host(v.a, v.b, v.acc)) << "vector " << i;
    }
}

TEST(MacExact, MillionRealisticAndCancellingVectorsEqualHostFma) {
    VectorGenerator gen(0x5eed0002);
    for (int i = 0; i < 1'000'000; ++i) {
        const MacInput v = i % 2 ? gen.realistic() : gen.cancelling();
        ASSERT_TRUE(matches_host(v.a, v.b, v.acc)) << "vector " << i;
    }
}

// The message names the field, so a board configuration error can be traced.
void expect_invalid(const MacConfig& cfg, const std::string& field) {
    try {
        cfg.validate();
        ADD_FAILURE() << "accepted, expected an error naming " << field;
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
    EXPECT_THROW(mac(0x3f80, 0x3f80, 1.0f, cfg), std::invalid_argument);
}

TEST(MacConfigValidation, AcceptsEveryValidCombination) {
    EXPECT_NO_THROW(MacConfig{}.validate());
    for (int g = 1; g <= 24; ++g)
        for (auto r : {MacConfig::Rounding::NearestEven, MacConfig::Rounding::TowardZero})
            EXPECT_NO_THROW((MacConfig{MacConfig::Mode::Approx, g, r}.validate()));
}

TEST(MacConfigValidation, RejectsOutOfRangeFieldsByName) {
    using M = MacConfig::Mode;
    using R = MacConfig::Rounding;
    expect_invalid({M::Approx, 0, R::NearestEven}, "norm_group_bits");
    expect_invalid({M::Approx, 25, R::NearestEven}, "norm_group_bits");
    expect_invalid({M::Approx, -3, R::TowardZero}, "norm_group_bits");
    expect_invalid({M::Exact, 4, R::NearestEven}, "norm_group_bits");
    expect_invalid({M::Exact, 1, R::TowardZero}, "rounding");
    expect_invalid({static_cast<M>(7), 1, R::NearestEven}, "mode");
    expect_invalid({M::Approx, 2, static_cast<R>(9)}, "rounding");
}

}  // namespace
