// bf16 conversions: widening is exact for all 65536 patterns; narrowing rounds to nearest
// even (ties, subnormals, overflow to infinity) and canonicalises NaNs.
#include "ip/matrix/bf16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace accelvp::matrix;

namespace {

TEST(MacBf16, WideningIsExactAndNarrowingReturnsEveryPattern) {
    for (uint32_t b = 0; b <= 0xffff; ++b) {
        const float f = bf16_to_float(uint16_t(b));
        ASSERT_EQ(float_bits(f), b << 16);
        const bool nan = (b & 0x7fff) > 0x7f80;
        ASSERT_EQ(float_to_bf16(f), nan ? kBf16CanonicalNaN : b) << std::hex << b;
    }
}

TEST(MacBf16, NarrowingRoundsToNearestEven) {
    struct Case {
        uint32_t in;
        uint16_t out;
    };
    const Case cases[] = {
        {0x3f808000, 0x3f80},  // 1 + half an ulp: tie, down to even
        {0x3f818000, 0x3f82},  // tie, up to even
        {0x3f808001, 0x3f81},  // just above the tie
        {0x3f807fff, 0x3f80},  // just below
        {0xbf818000, 0xbf82},  // negative tie
        {0x00008000, 0x0000},  // subnormal tie, down to 0
        {0x00018000, 0x0002},  // subnormal tie, up
        {0x007fffff, 0x0080},  // largest fp32 subnormal rounds up to the smallest normal
        {0x7f7f7fff, 0x7f7f},  // below the overflow threshold
        {0x7f7f8000, 0x7f80},  // largest bf16 + half an ulp: tie to even = infinity
        {0xff7fffff, 0xff80},  // negative overflow
        {0x7f800000, 0x7f80},  // infinity
        {0x7f800001, 0x7fc0},  // NaN whose payload would truncate to infinity
        {0xffc12345, 0x7fc0},  // negative NaN: canonical
    };
    for (const Case& c : cases)
        EXPECT_EQ(float_to_bf16(float_from_bits(c.in)), c.out) << std::hex << c.in;
}

// Against the definition: the nearer of the two bf16 neighbours, the even one on a tie.
TEST(MacBf16, NarrowingPicksTheNearestNeighbourOnRandomFloats) {
    std::mt19937 rng(7);
    for (int i = 0; i < 200'000; ++i) {
        const float f = float_from_bits(rng());
        if (std::isnan(f) || std::isinf(f)) continue;
        const uint16_t below = uint16_t(float_bits(std::fabs(f)) >> 16);
        // Above the largest bf16 the grid goes on to 2^128, which rounds to infinity.
        const double lo = bf16_to_float(below);
        const double hi = below + 1 == 0x7f80 ? 0x1p128 : bf16_to_float(uint16_t(below + 1));
        const double x = std::fabs(double(f));
        const uint16_t nearest = x - lo < hi - x   ? below
                                 : x - lo > hi - x ? uint16_t(below + 1)
                                                   : uint16_t((below + 1) & ~1);
        ASSERT_EQ(float_to_bf16(f), uint16_t(nearest | (float_bits(f) >> 16 & 0x8000)))
            << std::hex << float_bits(f);
    }
}

}  // namespace
