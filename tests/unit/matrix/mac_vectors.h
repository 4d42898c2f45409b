// Test vectors for the MAC tests: corner-class operands, deterministic random generators
// (all bit patterns, realistic magnitudes, near-cancelling sums) and the host reference,
// fmaf on the widened operands.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "ip/matrix/bf16.h"
#include "ip/matrix/mac.h"

namespace accelvp::matrix::test {

struct MacInput {
    uint16_t a, b;
    float acc;
};

inline float host_fma(uint16_t a, uint16_t b, float acc) {
    return std::fma(bf16_to_float(a), bf16_to_float(b), acc);
}

// Bits equal, or both NaN (NaN payloads are the host's choice; the model's is canonical).
inline bool same_result(float model, float reference) {
    if (std::isnan(reference)) return std::isnan(model);
    return float_bits(model) == float_bits(reference);
}

// Every class the exact mode must get right, as bf16 operands...
inline std::vector<uint16_t> corner_bf16() {
    return {
        0x0000, 0x8000,                  // signed zeros
        0x0001, 0x8001, 0x0040, 0x007f,  // subnormals: smallest, middle, largest
        0x0080, 0x8080,                  // smallest normals
        0x1a00, 0x1f80, 0x2000,          // 2^-75, 2^-64, 2^-63: products underflow fp32
        0x3f7f, 0x3f80, 0xbf80, 0x3f81,  // just below 1, +-1, just above 1
        0x3fc0, 0x4000, 0xc049, 0x4b00,  // 1.5, 2, -3.14, 2^23
        0x5f80, 0x6000, 0x7f00,          // 2^64, 2^65, 2^127: products overflow fp32
        0x7f7f, 0xff7f,                  // largest finite
        0x7f80, 0xff80,                  // infinities
        0x7fc0, 0xffc1, 0x7f81,          // quiet NaNs and a signalling NaN
    };
}

// ...and as fp32 accumulators.
inline std::vector<uint32_t> corner_fp32_bits() {
    return {
        0x00000000, 0x80000000,                          // signed zeros
        0x00000001, 0x80000001, 0x00400000, 0x007fffff,  // subnormals
        0x00800000, 0x80800000,                          // smallest normals
        0x33800000, 0x3f800000, 0xbf800000, 0x3f800001,  // 2^-24, +-1, 1 + ulp
        0xbf7fffff, 0x4b800000, 0x4b800001, 0xcb800000,  // just below -1, 2^24 (ties)
        0x7f000000, 0x7f7fffff, 0xff7fffff,              // 2^127, largest finite
        0x7f800000, 0xff800000,                          // infinities
        0x7fc00000, 0xffc00001, 0x7f800001,              // NaNs, one signalling
    };
}

// The product of each pair of finite corner operands, negated and nudged, as accumulators:
// exact cancellation and sums a few ulps from zero.
inline std::vector<float> cancelling_accumulators(uint16_t a, uint16_t b) {
    const double p = double(bf16_to_float(a)) * bf16_to_float(b);
    if (!std::isfinite(p) || std::fabs(p) > 3e38) return {};
    const float c = float(-p);
    return {c, std::nextafter(c, 0.0f), std::nextafter(c, INFINITY), std::nextafter(c, -INFINITY)};
}

class VectorGenerator {
public:
    explicit VectorGenerator(uint64_t seed) : rng_(seed) {}

    // Uniform over all bit patterns: mostly huge or tiny magnitudes, some NaNs and infinities.
    MacInput any_bits() {
        const uint64_t r = rng_();
        return {uint16_t(r), uint16_t(r >> 16), float_from_bits(uint32_t(r >> 32))};
    }

    // What a GEMM sees: operands around 2^-16..2^16, partial sums around 2^-24..2^24.
    MacInput realistic() {
        const uint64_t r = rng_();
        return {
            bf16_with_exponent(uint16_t(r), 127 - 16 + int((r >> 16) % 33)),
            bf16_with_exponent(uint16_t(r >> 20), 127 - 16 + int((r >> 36) % 33)),
            float_from_bits(fp32_with_exponent(uint32_t(rng_()), 127 - 24 + int((r >> 42) % 49)))};
    }

    // acc close to -a*b (relative difference 2^-30..1), so the sum loses leading bits: the
    // only case where approx mode can differ from exact mode for normal operands.
    MacInput cancelling() {
        const uint64_t r = rng_();
        const uint16_t a = bf16_with_exponent(uint16_t(r), 127 - 8 + int((r >> 16) % 17));
        const uint16_t b = bf16_with_exponent(uint16_t(r >> 20), 127 - 8 + int((r >> 36) % 17));
        const double p = double(bf16_to_float(a)) * bf16_to_float(b);
        double nudge = std::ldexp(double((r >> 41) % 1024) / 1024, -int((r >> 51) % 31));
        if ((r >> 63) & 1) nudge = -nudge;
        const uint32_t noise = uint32_t(r >> 56) & 0xf;  // low acc bits below the product's
        return {a, b, float_from_bits(float_bits(float(-p * (1 + nudge))) ^ noise)};
    }

    uint64_t next() { return rng_(); }

private:
    static uint16_t bf16_with_exponent(uint16_t r, int exponent) {
        return uint16_t((r & 0x807f) | exponent << 7);
    }
    static uint32_t fp32_with_exponent(uint32_t r, int exponent) {
        return (r & 0x807fffffu) | uint32_t(exponent) << 23;
    }

    std::mt19937_64 rng_;
};

}  // namespace accelvp::matrix::test
