// Approx mode of the MAC unit: G = 1 equals exact mode; special values follow IEEE in every
// configuration; the error bound of docs/matrix-numerics.md; the worked examples of that
// document, bit for bit.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>

#include "ip/matrix/mac.h"
#include "tests/unit/matrix/mac_vectors.h"

using namespace accelvp::matrix;
using namespace accelvp::matrix::test;

namespace {

using Rounding = MacConfig::Rounding;
constexpr Rounding kRne = Rounding::NearestEven;
constexpr Rounding kRtz = Rounding::TowardZero;

float f(uint32_t bits) {
    return float_from_bits(bits);
}

bool is_special(const MacInput& v) {
    return ((v.a >> 7) & 0xff) == 0xff || ((v.b >> 7) & 0xff) == 0xff ||
           ((float_bits(v.acc) >> 23) & 0xff) == 0xff;
}

::testing::AssertionResult equals_exact(const MacInput& v, int g, Rounding r) {
    const float approx = mac_approx(v.a, v.b, v.acc, g, r), exact = mac_exact(v.a, v.b, v.acc);
    if (float_bits(approx) == float_bits(exact)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << std::hex << "a=" << v.a << " b=" << v.b << " acc=" << float_bits(v.acc) << ": approx "
           << float_bits(approx) << ", exact " << float_bits(exact);
}

TEST(MacApprox, GroupOfOneEqualsExactOnEveryCornerClass) {
    const auto ops = corner_bf16();
    for (uint16_t a : ops)
        for (uint16_t b : ops) {
            for (uint32_t acc : corner_fp32_bits())
                ASSERT_TRUE(equals_exact({a, b, f(acc)}, 1, kRne));
            for (float acc : cancelling_accumulators(a, b))
                ASSERT_TRUE(equals_exact({a, b, acc}, 1, kRne));
        }
}

TEST(MacApprox, GroupOfOneEqualsExactOnMillionRandomVectors) {
    VectorGenerator gen(0x5eed0003);
    for (int i = 0; i < 1'000'000; ++i) {
        const MacInput v = i % 3 == 0   ? gen.any_bits()
                           : i % 3 == 1 ? gen.realistic()
                                        : gen.cancelling();
        ASSERT_TRUE(equals_exact(v, 1, kRne)) << "vector " << i;
    }
}

// Infinities and NaNs bypass the datapath: the IEEE result, canonical NaN, in every config.
TEST(MacApprox, SpecialValuesFollowIeeeInEveryConfig) {
    const auto ops = corner_bf16();
    for (int g : {2, 3, 4, 8, 24})
        for (Rounding r : {kRne, kRtz})
            for (uint16_t a : ops)
                for (uint16_t b : ops)
                    for (uint32_t acc : corner_fp32_bits()) {
                        const MacInput v{a, b, f(acc)};
                        if (is_special(v)) {
                            ASSERT_TRUE(equals_exact(v, g, r));
                        }
                    }
}

// The exact sum a*b + acc as hi + lo (doubles, exact: TwoSum of two exact doubles).
struct ExactSum {
    double hi, lo;
};
ExactSum exact_sum(const MacInput& v) {
    const double p = double(bf16_to_float(v.a)) * bf16_to_float(v.b), c = v.acc;
    const volatile double s = p + c;  // volatile: no contraction into an FMA
    const volatile double t = s - p;
    return {s, (p - (s - t)) + (c - t)};
}

// Relative error below 2^-(25-G) rounding to nearest, 2^-(24-G) toward zero (the window
// keeps at least 25 - G significant bits); toward zero never grows the magnitude.
TEST(MacApprox, ErrorWithinTheGroupBound) {
    VectorGenerator gen(0x5eed0004);
    for (int g : {2, 3, 4, 5, 8, 12}) {
        for (Rounding r : {kRne, kRtz}) {
            const double bound = std::ldexp(1.0, -(r == kRne ? 25 - g : 24 - g));
            int differing = 0;
            for (int i = 0; i < 100'000; ++i) {
                const MacInput v = i % 2 ? gen.realistic() : gen.cancelling();
                const ExactSum s = exact_sum(v);
                if (s.hi == 0 || std::fabs(s.hi) < 0x1p-100) continue;  // relative error only
                const float approx = mac_approx(v.a, v.b, v.acc, g, r);
                const double err = (double(approx) - s.hi) - s.lo;  // r - hi exact (Sterbenz)
                ASSERT_LE(std::fabs(err), bound * std::fabs(s.hi) * (1 + 0x1p-40))
                    << std::hex << v.a << " " << v.b << " " << float_bits(v.acc) << " G=" << g;
                if (r == kRtz) {
                    ASSERT_LE(std::fabs(approx), std::fabs(s.hi) + std::fabs(s.lo));
                }
                differing += float_bits(approx) != float_bits(mac_exact(v.a, v.b, v.acc));
            }
            EXPECT_GT(differing, 0) << "the cancelling vectors should exercise G=" << g;
        }
    }
}

// Where approx may differ (docs/matrix-numerics.md): only when the coarse shift is zero,
// i.e. the exact sum's leading bit lies fewer than G positions below the anchor W, for
// normal operands. A nonzero shift always reaches below the sum's lowest bit.
TEST(MacApprox, NormalOperandsDifferOnlyWithoutShift) {
    VectorGenerator gen(0x5eed0005);
    for (int g : {2, 4, 8}) {
        for (int i = 0; i < 100'000; ++i) {
            const MacInput v = i % 2 ? gen.realistic() : gen.cancelling();
            const float approx = mac_approx(v.a, v.b, v.acc, g, kRne);
            const float exact = mac_exact(v.a, v.b, v.acc);
            if (float_bits(approx) == float_bits(exact)) continue;
            const int w = std::max(((v.a >> 7) & 0xff) + ((v.b >> 7) & 0xff) - 127,
                                   int(float_bits(v.acc) >> 23) & 0xff) -
                          127;
            const ExactSum s = exact_sum(v);
            ASSERT_GT(std::ilogb(s.hi), w - g)
                << std::hex << v.a << " " << v.b << " " << float_bits(v.acc);
        }
    }
}

TEST(MacApprox, ZeroProductReturnsTheAccumulator) {
    VectorGenerator gen(0x5eed0006);
    for (int i = 0; i < 100'000; ++i) {
        const MacInput v = gen.any_bits();
        if (is_special(v) || float_bits(v.acc) << 1 == 0) continue;
        const uint16_t zero = uint16_t(v.a & 0x8000);
        for (int g : {2, 4, 24})
            ASSERT_EQ(float_bits(mac_approx(zero, v.b, v.acc, g, kRtz)), float_bits(v.acc));
    }
}

// A product has at most 16 significant bits, which any window of 25 - G >= 16 bits holds:
// rounding to nearest, a*b + 0 is exact mode's result (itself rounded only when the product
// leaves fp32's range), subnormal operands included.
TEST(MacApprox, ProductPlusZeroEqualsExactUpToNineBitGroups) {
    VectorGenerator gen(0x5eed0007);
    for (int i = 0; i < 100'000; ++i) {
        const MacInput v{uint16_t(gen.next()), uint16_t(gen.next()), i % 2 ? 0.0f : -0.0f};
        for (int g : {2, 5, 9}) ASSERT_TRUE(equals_exact(v, g, kRne));
    }
}

TEST(MacApprox, OverflowFollowsTheRoundingDirection) {
    EXPECT_EQ(float_bits(mac_approx(0x7f7f, 0x7f7f, 0.0f, 4, kRne)), 0x7f800000u);
    EXPECT_EQ(float_bits(mac_approx(0x7f7f, 0x7f7f, 0.0f, 4, kRtz)), 0x7f7fffffu);
    EXPECT_EQ(float_bits(mac_approx(0xff7f, 0x7f7f, 0.0f, 4, kRtz)), 0xff7fffffu);
    EXPECT_EQ(float_bits(mac_approx(0x7f7f, 0x3f80, FLT_MAX, 2, kRne)), 0x7f800000u);
    // 2^128 - 2^104 (= FLT_MAX) plus 2^103 rounds to nearest up to 2^128: overflow.
    EXPECT_EQ(float_bits(mac_approx(0x7300, 0x3f80, FLT_MAX, 4, kRne)), 0x7f800000u);
    EXPECT_EQ(float_bits(mac_approx(0x7300, 0x3f80, FLT_MAX, 4, kRtz)), 0x7f7fffffu);
}

TEST(MacApprox, SignedZerosAndUnderflow) {
    for (int g : {2, 4})
        for (Rounding r : {kRne, kRtz}) {
            EXPECT_EQ(float_bits(mac_approx(0x8000, 0x3f80, -0.0f, g, r)), 0x80000000u);
            EXPECT_EQ(float_bits(mac_approx(0x8000, 0x3f80, 0.0f, g, r)), 0u);
            EXPECT_EQ(float_bits(mac_approx(0x3f80, 0x3f80, -1.0f, g, r)), 0u);
            // -2^-150: to nearest a tie with -0 (even); toward zero -0.
            EXPECT_EQ(float_bits(mac_approx(0x9a00, 0x1a00, 0.0f, g, r)), 0x80000000u);
            // Subnormal results are exact multiples of 2^-149, as in exact mode.
            EXPECT_EQ(float_bits(mac_approx(0x1f80, 0x1f80, f(0x00000001), g, r)), 0x00200001u);
        }
}

// The worked examples of docs/matrix-numerics.md.
struct Example {
    uint16_t a, b;
    uint32_t acc;
    int g;
    Rounding r;
    uint32_t expected;
};

TEST(MacApprox, DocumentedExamples) {
    const Example examples[] = {
        // 1 * 1 - 0.75000006 = 0.25 - 2^-24: three leading zeros below W.
        {0x3f80, 0x3f80, 0xbf400001, 1, kRne, 0x3e7ffffc},  // exact
        {0x3f80, 0x3f80, 0xbf400001, 2, kRne, 0x3e7ffffc},  // shift 2, r = 1: still exact
        {0x3f80, 0x3f80, 0xbf400001, 3, kRne, 0x3e7ffffc},  // shift 3, r = 0
        {0x3f80, 0x3f80, 0xbf400001, 4, kRne, 0x3e800000},  // no shift: tie, to even 0.25
        {0x3f80, 0x3f80, 0xbf400001, 4, kRtz, 0x3e7ffff8},  // no shift: truncated
        // A subnormal bf16 operand: the anchor comes from its exponent field, 1 position
        // above the accumulator, although the product (2^-6) is far smaller.
        {0x0001, 0x7f00, 0x3f800001, 1, kRne, 0x3f820001},
        {0x0001, 0x7f00, 0x3f800001, 2, kRne, 0x3f820000},
        // Carry out of the anchor: normalised exactly (a right shift) in every mode.
        {0x3fc0, 0x3fc0, 0x40000001, 4, kRne, 0x40880000},
        {0x3fc0, 0x3fc0, 0x40000001, 4, kRtz, 0x40880000},
    };
    for (const Example& e : examples)
        EXPECT_EQ(float_bits(mac_approx(e.a, e.b, f(e.acc), e.g, e.r)), e.expected)
            << std::hex << e.a << " " << e.b << " " << e.acc << " G=" << std::dec << e.g;
}

}  // namespace
