// bfloat16 (1 sign, 8 exponent, 7 fraction bits: the top half of an IEEE binary32) and its
// conversions to and from float. Values travel as raw uint16_t bit patterns, as the matrix
// engine reads them from memory. Widening is exact for every pattern, subnormals and NaN
// payloads included. Narrowing rounds to nearest even without flushing subnormals; a NaN
// becomes the canonical bf16 NaN 0x7fc0. Not modelled: other rounding modes, exception flags.
#pragma once

#include <cstdint>
#include <cstring>

namespace accelvp::matrix {

constexpr uint16_t kBf16CanonicalNaN = 0x7fc0;  // the top half of the fp32 canonical NaN

inline uint32_t float_bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

inline float float_from_bits(uint32_t u) {
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

// Exact: a bf16 is a float whose low 16 bits are zero.
inline float bf16_to_float(uint16_t b) {
    return float_from_bits(uint32_t{b} << 16);
}

// Round to nearest, ties to even. Adding 0x7fff plus the kept LSB and truncating rounds the
// low half; a carry out of the fraction bumps the exponent, which also turns values at or
// above the largest bf16 plus half an ulp into infinity, as IEEE 754 requires.
inline uint16_t float_to_bf16(float f) {
    const uint32_t u = float_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return kBf16CanonicalNaN;
    const uint32_t lsb = (u >> 16) & 1u;
    return static_cast<uint16_t>((u + 0x7fffu + lsb) >> 16);
}

}  // namespace accelvp::matrix
