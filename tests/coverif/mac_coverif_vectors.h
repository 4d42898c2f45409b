// Operands for co-verifying an RTL multiply-add unit against the C++ model: the corner
// classes of the unit tests (tests/unit/matrix/mac_vectors.h) plus constructed rounding ties,
// overflows and underflows, and the random distributions the RTL's datapath is most likely to
// get wrong: close exponents with cancelling signs, subnormal-heavy operands (a subnormal bf16
// factor makes the product anchor narrow, the case that sets the RTL's window width) and
// normally distributed values. All deterministic from a seed.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "ip/matrix/bf16.h"
#include "tests/unit/matrix/mac_vectors.h"

namespace accelvp::matrix::coverif {

using test::MacInput;

// bf16 and fp32 of a signed power of two 2^e, for e in the normal range.
inline uint16_t bf16_pow2(int e, bool neg = false) {
    return uint16_t((neg ? 0x8000 : 0) | (e + 127) << 7);
}
inline uint32_t fp32_pow2(int e, bool neg = false) {
    return (neg ? 0x80000000u : 0u) | uint32_t(e + 127) << 23;
}

// Every operand triple the tests walk: the cross product of the corner bf16 operands with the
// corner accumulators and with accumulators that cancel the product, then the constructed
// cases below.
std::vector<MacInput> corner_cross_product();

// Sums exactly halfway between two results: an accumulator n * ulp plus a product of an odd
// number of half ulps (exact mode's ties), and products cancelled by an accumulator so that
// the sum keeps 1..24 leading zeros below the anchor with its last bit half an ulp of the
// coarse window (the approximate modes' ties, worked example 1 of docs/matrix-numerics.md).
std::vector<MacInput> constructed_ties();

// Sums at fp32's ends: around the largest finite value (overflow to infinity, or to the
// largest finite value toward zero) and around the smallest subnormal (underflow to zero).
std::vector<MacInput> overflow_and_underflow();

class Distributions {
public:
    explicit Distributions(uint64_t seed) : rng_(seed), bits_(seed ^ 0x9e3779b97f4a7c15ull) {}

    // Uniform over all bit patterns.
    MacInput uniform_bits() { return bits_.any_bits(); }
    // |Ep - Ec| <= 3 and acc's sign against the product's; a quarter of them copy the
    // product's bits into acc, cancelling 8 to 16 leading bits.
    MacInput close_exponents();
    // Half the bf16 operands and many accumulators subnormal; the rest spread so that the
    // product or acc is the anchor, often with acc 8 to 12 binades below the product.
    MacInput subnormal_heavy();
    // Operands ~ N(0, s) with s log-uniform over 2^-20..2^20, acc a partial sum of up to 4096
    // such products.
    MacInput realistic();

private:
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    uint32_t bits() { return uint32_t(rng_()); }

    std::mt19937_64 rng_;
    test::VectorGenerator bits_;
};

}  // namespace accelvp::matrix::coverif
