// The matrix engine's multiply-add unit, one step at a time: acc' = a * b + acc, with a and b
// bf16 and acc fp32. The bit-level definition of both modes is docs/matrix-numerics.md; this
// header is the model the RTL must match bit for bit.
//  - Exact: one rounding to nearest even per step, equal to fmaf((float)a, (float)b, acc)
//    with subnormals kept (no flush).
//  - Approx: the same exact sum, normalised only in steps of norm_group_bits (G) bit
//    positions below the larger operand's exponent, then rounded (nearest even or toward
//    zero) to the 24-bit window that the coarse shift leaves, so up to G-1 leading bits of it
//    may be zero. G = 1 is Exact.
// Both modes return the canonical NaN 0x7fc00000 for every NaN result. Not modelled:
// exception flags, other rounding modes, timing (the engine's job).
#pragma once

#include <cstdint>

namespace accelvp::matrix {

constexpr uint32_t kCanonicalNaN = 0x7fc00000;

struct MacConfig {
    enum class Mode { Exact, Approx };
    enum class Rounding { NearestEven, TowardZero };

    Mode mode = Mode::Exact;
    int norm_group_bits = 1;                    // G, 1..24; must be 1 in exact mode
    Rounding rounding = Rounding::NearestEven;  // must be NearestEven in exact mode

    // Throws std::invalid_argument naming the offending field.
    void validate() const;
};

// One step in the configured mode. Throws std::invalid_argument for an invalid config.
float mac(uint16_t a, uint16_t b, float acc, const MacConfig& cfg);

// Exact mode without a config.
float mac_exact(uint16_t a, uint16_t b, float acc);

// Approx mode: the integer datapath of the documentation, step by step (the reference the
// fast kernel is tested against). group_bits and rounding are not checked here.
float mac_approx(uint16_t a, uint16_t b, float acc, int group_bits, MacConfig::Rounding rounding);

}  // namespace accelvp::matrix
