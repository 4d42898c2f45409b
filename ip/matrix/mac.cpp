// The multiply-add unit's two modes. Exact mode is the host's fused multiply-add (glibc's
// fmaf: hardware FMA where the CPU has it, a correctly rounded software path otherwise).
// Approx mode is written as the integer datapath of docs/matrix-numerics.md (decode,
// multiply, align into one wide window, add, coarse leading-zero count, round, pack) so that
// the RTL can be read against it step by step; it is slow, the tile kernel has a fast one.
#include "ip/matrix/mac.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ip/matrix/bf16.h"

namespace accelvp::matrix {
namespace {

using Window = unsigned __int128;

// Window bit index of the anchor position W (the leading bit of the larger operand). Below it
// the smaller operand keeps 102 or more bits before it collapses into a sticky bit, far below
// any rounding position; above it are the two carry bits of a product in [2, 4) plus a sum.
constexpr int kAnchorIndex = 125;
constexpr int kProductLsbIndex = kAnchorIndex - 14;  // product significand is 2.14 fixed point
constexpr int kAccLsbIndex = kAnchorIndex - 23;      // fp32 significand is 1.23
// A window index i weighs 2^(W - 127 - kAnchorIndex + i); the ulp may not drop below 2^-149.
constexpr int kIndexToExponent = -127 - kAnchorIndex;
constexpr int kMinUlpExponent = -149;

int leading_bit(Window s) {
    const uint64_t hi = static_cast<uint64_t>(s >> 64);
    if (hi != 0) return 127 - __builtin_clzll(hi);
    return 63 - __builtin_clzll(static_cast<uint64_t>(s));
}

// Places `sig` so that its bit 0 lands at window index `lsb_index`. Bits shifted out below
// index 0 are ORed into bit 0 (sticky): they only ever decide rounding and borrow, never the
// leading-bit position, because an operand that far below cannot cancel the anchor.
Window align(uint32_t sig, int lsb_index) {
    if (lsb_index >= 0) return Window{sig} << lsb_index;
    const int right = -lsb_index;
    if (right >= 32) return Window{sig != 0};
    const uint32_t lost = sig & ((uint32_t{1} << right) - 1);
    return Window{(sig >> right) | uint32_t{lost != 0}};
}

// The fp32 bits of (-1)^neg * n * 2^ulp_exponent, which is exact by construction: n <= 2^24
// and ulp_exponent >= -149. Only overflow is still possible (the exponent is unbounded).
uint32_t pack(bool neg, uint32_t n, int ulp_exponent, MacConfig::Rounding rounding) {
    const uint32_t sign = neg ? 0x80000000u : 0u;
    if (n == 0) return sign;
    const int top = 31 - __builtin_clz(n);
    const int exponent = ulp_exponent + top;  // of the leading bit
    if (exponent > 127) {
        // IEEE 754 overflow: to infinity when rounding to nearest, to the largest finite
        // value when rounding toward zero.
        return sign | (rounding == MacConfig::Rounding::NearestEven ? 0x7f800000u : 0x7f7fffffu);
    }
    if (exponent < -126) return sign | (n << (ulp_exponent - kMinUlpExponent));  // subnormal
    const uint32_t significand = top <= 23 ? n << (23 - top) : n >> (top - 23);
    return sign | uint32_t(exponent + 127) << 23 | (significand & 0x7fffffu);
}

}  // namespace

void MacConfig::validate() const {
    if (mode != Mode::Exact && mode != Mode::Approx)
        throw std::invalid_argument(
            fmt::format("MacConfig.mode: unknown value {}", static_cast<int>(mode)));
    if (rounding != Rounding::NearestEven && rounding != Rounding::TowardZero)
        throw std::invalid_argument(
            fmt::format("MacConfig.rounding: unknown value {}", static_cast<int>(rounding)));
    if (norm_group_bits < 1 || norm_group_bits > 24)
        throw std::invalid_argument(
            fmt::format("MacConfig.norm_group_bits must be in 1..24, got {}", norm_group_bits));
    if (mode == Mode::Exact && norm_group_bits != 1)
        throw std::invalid_argument(fmt::format(
            "MacConfig.norm_group_bits must be 1 in exact mode, got {} (approx mode with "
            "norm_group_bits 1 has the same numerics)",
            norm_group_bits));
    if (mode == Mode::Exact && rounding != Rounding::NearestEven)
        throw std::invalid_argument("MacConfig.rounding must be NearestEven in exact mode");
}

float mac_exact(uint16_t a, uint16_t b, float acc) {
    const float r = std::fma(bf16_to_float(a), bf16_to_float(b), acc);
    return std::isnan(r) ? float_from_bits(kCanonicalNaN) : r;
}

float mac_approx(uint16_t a, uint16_t b, float acc, int group_bits, MacConfig::Rounding rounding) {
    const uint32_t c = float_bits(acc);
    const int a_field = (a >> 7) & 0xff, b_field = (b >> 7) & 0xff, c_field = (c >> 23) & 0xff;
    // Infinities and NaNs take the IEEE path in both modes (a bypass beside the datapath).
    if (a_field == 0xff || b_field == 0xff || c_field == 0xff) return mac_exact(a, b, acc);

    // Decode: a zero exponent field is a subnormal (or zero) with exponent 1, hidden bit 0.
    const uint32_t a_sig = (a_field ? 0x80u : 0u) | (a & 0x7fu);
    const uint32_t b_sig = (b_field ? 0x80u : 0u) | (b & 0x7fu);
    const uint32_t c_sig = (c_field ? 0x800000u : 0u) | (c & 0x7fffffu);
    const int a_exp = std::max(a_field, 1), b_exp = std::max(b_field, 1);
    const int c_exp = std::max(c_field, 1);
    const bool p_neg = ((a ^ b) >> 15) & 1u, c_neg = c >> 31;

    // Multiply: exact 16-bit significand, 2.14 fixed point; exponent (fp32 bias) of bit 14.
    const uint32_t p_sig = a_sig * b_sig;
    const int p_exp = a_exp + b_exp - 127;

    // Anchor W: the larger exponent, taken from the fields as decoded (no leading-zero count
    // of the inputs). A zero product does not take part, so 0 * x + acc returns acc.
    const int w = p_sig == 0 ? c_exp : std::max(p_exp, c_exp);

    // Align both into the window and add as sign and magnitude.
    const Window p_win = p_sig == 0 ? 0 : align(p_sig, kProductLsbIndex - (w - p_exp));
    const Window c_win = align(c_sig, kAccLsbIndex - (w - c_exp));
    Window sum;
    bool neg;
    if (p_neg == c_neg) {
        sum = p_win + c_win;
        neg = p_neg;
    } else if (p_win >= c_win) {
        sum = p_win - c_win;
        neg = p_neg;
    } else {
        sum = c_win - p_win;
        neg = c_neg;
    }
    // An exact zero sum is -0 only when the product and acc are both negative zeros (IEEE, in
    // both rounding directions offered).
    if (sum == 0) return float_from_bits(p_neg && c_neg ? 0x80000000u : 0u);

    // Coarse normalisation: a carry above W is shifted out exactly; below W only whole groups
    // of G leading zeros are shifted out, r = L mod G zeros stay inside the 24-bit window.
    const int lead = leading_bit(sum);
    int ulp_index;
    if (lead >= kAnchorIndex) {
        ulp_index = lead - 23;
    } else {
        const int leading_zeros = kAnchorIndex - lead;
        ulp_index = kAnchorIndex - (leading_zeros / group_bits) * group_bits - 23;
    }
    // The shift stops where the exponent reaches fp32's minimum (a subnormal result). Index 0
    // only matters for sums far below the anchor, which are exact anyway.
    ulp_index = std::max({ulp_index, kMinUlpExponent - kIndexToExponent - w, 0});

    // Round the window to ulp_index.
    Window n = sum >> ulp_index;
    if (rounding == MacConfig::Rounding::NearestEven && ulp_index > 0) {
        const Window rest = sum & ((Window{1} << ulp_index) - 1);
        const Window half = Window{1} << (ulp_index - 1);
        if (rest > half || (rest == half && (n & 1))) ++n;
    }
    return float_from_bits(
        pack(neg, static_cast<uint32_t>(n), w + kIndexToExponent + ulp_index, rounding));
}

float mac(uint16_t a, uint16_t b, float acc, const MacConfig& cfg) {
    cfg.validate();
    if (cfg.mode == MacConfig::Mode::Exact) return mac_exact(a, b, acc);
    return mac_approx(a, b, acc, cfg.norm_group_bits, cfg.rounding);
}

}  // namespace accelvp::matrix
