// The operand sets of mac_coverif_vectors.h.
#include "tests/coverif/mac_coverif_vectors.h"

namespace accelvp::matrix::coverif {
namespace {

float f(uint32_t bits) {
    return float_from_bits(bits);
}

// a * b = odd * 2^e exactly, the exponent split between the factors so both stay normal.
void push_product(std::vector<MacInput>& out, int odd, int e, uint32_t acc, bool neg) {
    const uint16_t a = float_to_bf16(std::ldexp(float(odd), e / 2));
    out.push_back({uint16_t(a | (neg ? 0x8000 : 0)), bf16_pow2(e - e / 2), f(acc)});
}

}  // namespace

std::vector<MacInput> corner_cross_product() {
    std::vector<uint16_t> ops = test::corner_bf16();
    // Also: a negative signalling NaN, the largest negative subnormal, 2 - ulp, -1.5.
    ops.insert(ops.end(), {0xff81, 0x807f, 0x3fff, 0xbfc0});
    std::vector<uint32_t> accs = test::corner_fp32_bits();
    accs.insert(accs.end(), {0xff800001, 0x807fffff, 0x00000002, 0x3fffffff, 0xc0000000});
    std::vector<MacInput> out;
    for (uint16_t a : ops)
        for (uint16_t b : ops) {
            for (uint32_t acc : accs) out.push_back({a, b, f(acc)});
            for (float acc : test::cancelling_accumulators(a, b)) out.push_back({a, b, acc});
        }
    // The product anchored by a subnormal factor (Mp as small as 2^7) with acc 6 to 14
    // binades below it, both signs: the case that sets the RTL's window width.
    std::mt19937_64 rng(0xc0e1);
    for (int i = 0; i < 20000; ++i) {
        const uint64_t r = rng();
        const uint16_t a = uint16_t((r & 0x807f) | 1);  // subnormal, nonzero
        const uint16_t b = uint16_t((r >> 16 & 0x807f) | (200 + (r >> 24) % 55) << 7);
        const int ep = 1 + ((b >> 7) & 0xff) - 127;
        const int ec = ep - 6 - int((r >> 32) % 9);
        out.push_back({a, b, f(uint32_t(r >> 40 & 0x807fffff) | uint32_t(ec) << 23)});
    }
    return out;
}

std::vector<MacInput> constructed_ties() {
    std::vector<MacInput> out;
    std::mt19937_64 rng(0x71e5);
    // acc = n * 2^(e-23) and a * b = odd * 2^(e-24): the sum is n + odd/2 ulps.
    for (int e : {-126, -125, -100, -30, -1, 0, 1, 23, 60, 100, 126}) {
        for (int odd : {1, 3, 5, 7, 127, 255}) {
            for (int rep = 0; rep < 8; ++rep) {
                const uint32_t n = uint32_t(rng()) & 0x7fffff;
                const bool neg_acc = rep & 1, neg_p = rep & 2;
                push_product(out, odd, e - 24, (neg_acc ? 0x80000000u : 0) | fp32_pow2(e) | n,
                             neg_p);
            }
        }
    }
    // Subnormal acc (ulp 2^-149) plus odd * 2^-150.
    for (uint32_t n : {0u, 1u, 2u, 0x3fffffu, 0x7ffffeu, 0x7fffffu})
        for (int odd : {1, 3, 5})
            for (bool neg : {false, true}) push_product(out, odd, -150, n, neg);
    // p = +-2^k and acc = -(2^k - D) with D = odd * 2^(k-24): the sum D keeps 1..23 leading
    // zeros below the anchor, its last bit at 2^(k-24), half an ulp of a window not shifted.
    for (int k : {-125, -100, -1, 0, 7, 64, 127}) {
        for (int lead = 0; lead <= 22; ++lead) {
            const uint32_t d =
                ((uint32_t(rng()) & ((1u << lead) - 1)) << 1 | 1) | (1u << (lead + 1));
            const float acc = std::ldexp(float((1u << 24) - d), k - 24);  // 2^k - D, exact
            for (bool neg : {false, true})
                out.push_back({bf16_pow2(k / 2, neg), bf16_pow2(k - k / 2), neg ? acc : -acc});
        }
    }
    return out;
}

std::vector<MacInput> overflow_and_underflow() {
    std::vector<MacInput> out;
    // Around the largest finite value: its ulp is 2^104, half of it 2^103.
    for (uint32_t acc : {0x7f7fffffu, 0x7f7ffffeu, 0x7f000000u, 0u})
        for (int e : {101, 102, 103, 104, 105, 126, 127})
            for (int odd : {1, 3})
                for (bool neg : {false, true}) {
                    push_product(out, odd, e, acc, neg);
                    push_product(out, odd, e, acc | 0x80000000u, neg);
                }
    for (uint16_t a : {0x7f7f, 0x7f00, 0x7e80, 0xff7f})
        for (uint16_t b : {0x3f80, 0x3f81, 0x3f7f, 0x4000, 0x3fff})
            for (uint32_t acc : {0u, 0x7f7fffffu, 0xff7fffffu, 0x7f000000u, 0xff000000u})
                out.push_back({a, b, f(acc)});
    // Around the smallest subnormal 2^-149: products of 2^-155..2^-145 on small accs.
    for (uint32_t acc : {0u, 1u, 2u, 3u, 0x00800000u})
        for (int e = -155; e <= -145; ++e)
            for (int odd : {1, 3, 255})
                for (bool neg : {false, true}) {
                    push_product(out, odd, e, acc, neg);
                    push_product(out, odd, e, acc | 0x80000000u, neg);
                }
    return out;
}

MacInput Distributions::close_exponents() {
    const int ec = uniform(1, 254);
    const int ep = ec + uniform(-3, 3);  // = Ea + Eb - 127
    const int ea = uniform(std::max(1, ep - 126), std::min(254, ep + 126));
    const int eb = ep - ea + 127;
    const uint32_t r = bits();
    const bool p_neg = r >> 31;
    const uint16_t a = uint16_t((r & 0x807f) | ea << 7);
    const uint16_t b = uint16_t(((r >> 8) & 0x7f) | eb << 7 | (p_neg ^ (a >> 15)) << 15);
    uint32_t acc = (p_neg ? 0u : 0x80000000u) | uint32_t(ec) << 23 | (bits() & 0x7fffff);
    const double p = double(bf16_to_float(a)) * bf16_to_float(b);
    if (uniform(0, 3) == 0 && std::fabs(p) >= 0x1p-126 && std::fabs(p) < 0x1p127)
        acc = float_bits(float(-p)) ^ (bits() & ((1u << uniform(0, 16)) - 1));
    return {a, b, float_from_bits(acc)};
}

MacInput Distributions::subnormal_heavy() {
    const auto operand = [&](int lo, int hi) {
        const uint32_t r = bits();
        return uint16_t((r & 0x807f) | (r & 0x100000 ? 0 : uniform(lo, hi) << 7));
    };
    const uint16_t a = operand(1, 254);
    const uint16_t b = (a & 0x7f80) == 0 ? operand(180, 254) : operand(1, 254);
    const int ep = std::max((a >> 7) & 0xff, 1) + std::max((b >> 7) & 0xff, 1) - 127;
    int ec = 0;  // a subnormal acc
    switch (uniform(0, 3)) {
        case 0:
            ec = std::clamp(ep - uniform(0, 14), 0, 254);
            break;
        case 1:
            ec = uniform(1, 40);
            break;
        case 2:
            ec = uniform(0, 1);
            break;
    }
    return {a, b, float_from_bits((bits() & 0x807fffff) | uint32_t(ec) << 23)};
}

MacInput Distributions::realistic() {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const float sa = std::ldexp(1.0f, uniform(-20, 20)), sb = std::ldexp(1.0f, uniform(-20, 20));
    const float terms = float(uniform(1, 4096));
    return {float_to_bf16(normal(rng_) * sa), float_to_bf16(normal(rng_) * sb),
            normal(rng_) * sa * sb * std::sqrt(terms)};
}

}  // namespace accelvp::matrix::coverif
