// Every operation with a finite binary32 result works on an exact (or exact-plus-sticky-bit)
// intermediate held as a 64-bit significand with an unbounded exponent, and funnels into one
// rounding routine, round_pack(), which alone decides rounding, overflow, underflow and
// inexactness.
#include "ip/riscv/softfloat.h"

#include <array>
#include <utility>

namespace accelvp::sf {
namespace {

constexpr uint32_t kSignBit = 0x80000000;
constexpr uint32_t kInf = 0x7f800000;
constexpr uint32_t kMaxFinite = 0x7f7fffff;
constexpr uint32_t kQuietBit = 0x00400000;
constexpr uint32_t kHiddenBit = 0x00800000;

// Intermediate significands keep their leading bit at bit 62 when rounded: 24 result bits
// (62..39) above 39 round bits, with anything shifted out below bit 0 OR-ed into bit 0.
constexpr int kRoundBits = 39;
constexpr uint64_t kRoundMask = (uint64_t(1) << kRoundBits) - 1;
constexpr uint64_t kHalf = uint64_t(1) << (kRoundBits - 1);

bool sign_of(uint32_t a) {
    return a >> 31;
}
uint32_t magnitude(uint32_t a) {
    return a & ~kSignBit;
}
bool is_nan(uint32_t a) {
    return magnitude(a) > kInf;
}
bool is_snan(uint32_t a) {
    return is_nan(a) && !(a & kQuietBit);
}
bool is_inf(uint32_t a) {
    return magnitude(a) == kInf;
}
bool is_zero(uint32_t a) {
    return magnitude(a) == 0;
}
uint32_t signed_zero(bool sign) {
    return sign ? kSignBit : 0;
}

uint32_t invalid(uint8_t& flags) {
    flags |= flag::NV;
    return kCanonicalNaN;
}

// The result of an operation with a NaN operand: canonical, NV only if one was signaling.
uint32_t nan_result(uint32_t a, uint32_t b, uint8_t& flags) {
    if (is_snan(a) || is_snan(b)) flags |= flag::NV;
    return kCanonicalNaN;
}

// An exact zero sum of operands of opposite signs is +0, except in round-Down (IEEE 754 6.3).
uint32_t zero_sum(uint32_t zero_a, uint32_t zero_b, Rounding rm) {
    return zero_a == zero_b ? zero_a : signed_zero(rm == Rounding::Down);
}

// A finite nonzero value as sig * 2^(exp - 23) with sig in [2^23, 2^24): subnormals are
// normalised here so that no operation needs a special case for them.
struct Unpacked {
    bool sign;
    int32_t exp;
    uint32_t sig;
};

Unpacked unpack(uint32_t a) {
    const uint32_t field = (a >> 23) & 0xff;
    const uint32_t frac = a & (kHiddenBit - 1);
    if (field == 0) {
        const int shift = __builtin_clz(frac) - 8;
        return {sign_of(a), -126 - shift, frac << shift};
    }
    return {sign_of(a), int32_t(field) - 127, frac | kHiddenBit};
}

uint64_t shift_right_jam(uint64_t x, uint32_t n) {
    if (n == 0) return x;
    if (n >= 64) return x != 0;
    return (x >> n) | ((x << (64 - n)) != 0);
}

// Whether to add one unit to a truncated magnitude whose discarded part is `rem`, with
// `half` being half a unit.
bool round_up(Rounding rm, bool sign, bool odd, uint64_t rem, uint64_t half) {
    switch (rm) {
        case Rounding::TowardZero:
            return false;
        case Rounding::Down:
            return sign && rem != 0;
        case Rounding::Up:
            return !sign && rem != 0;
        case Rounding::NearestMaxMagnitude:
            return rem >= half;
        default:
            return rem > half || (rem == half && odd);  // NearestEven
    }
}

// The 24-bit rounded significand of `sig` (leading bit at 62); may carry out to 2^24.
uint32_t round_sig(bool sign, uint64_t sig, Rounding rm) {
    const uint32_t q = uint32_t(sig >> kRoundBits);
    return q + round_up(rm, sign, q & 1, sig & kRoundMask, kHalf);
}

uint32_t overflow(bool sign, Rounding rm, uint8_t& flags) {
    flags |= flag::OF | flag::NX;
    const bool to_inf = rm == Rounding::NearestEven || rm == Rounding::NearestMaxMagnitude ||
                        rm == (sign ? Rounding::Down : Rounding::Up);
    return signed_zero(sign) | (to_inf ? kInf : kMaxFinite);
}

// Magnitude bits for a value below 2^-126 before rounding (biased exponent `field` <= 0).
uint32_t round_subnormal(bool sign, int32_t field, uint64_t sig, Rounding rm, uint8_t& flags) {
    // Tiny after rounding: only a value in [2^-127, 2^-126) can round up to 2^-126 when
    // rounded to 24 bits with an unbounded exponent.
    const bool tiny = field < 0 || round_sig(sign, sig, rm) < (uint32_t(1) << 24);
    sig = shift_right_jam(sig, uint32_t(1 - field));
    if (sig & kRoundMask) flags |= tiny ? (flag::UF | flag::NX) : flag::NX;
    return round_sig(sign, sig, rm);  // 2^23 here is the encoding of the smallest normal
}

// Rounds sign * sig * 2^(exp - 62), with bit 62 of sig set, to binary32.
uint32_t round_pack(bool sign, int32_t exp, uint64_t sig, Rounding rm, uint8_t& flags) {
    const int32_t field = exp + 127;
    if (field >= 0xff) return overflow(sign, rm, flags);
    if (field <= 0) return signed_zero(sign) | round_subnormal(sign, field, sig, rm, flags);
    // Adding the 24-bit significand onto (field - 1) lets its hidden bit, and a carry out of
    // rounding, increment the exponent field.
    const uint32_t bits = (uint32_t(field - 1) << 23) + round_sig(sign, sig, rm);
    if (bits >= kInf) return overflow(sign, rm, flags);
    if (sig & kRoundMask) flags |= flag::NX;
    return signed_zero(sign) | bits;
}

// As round_pack for any nonzero sig below 2^63 (value sign * sig * 2^(exp - 62)).
uint32_t normalize_round_pack(bool sign, int32_t exp, uint64_t sig, Rounding rm, uint8_t& flags) {
    const int shift = __builtin_clzll(sig) - 1;
    return round_pack(sign, exp - shift, sig << shift, rm, flags);
}

// A signed addend for add_terms: sign * sig * 2^(exp - 62), leading bit of sig at bit 61 and
// bit 0 clear, so that sums fit below bit 63 and a sticky bit OR-ed in stays visible.
struct Term {
    bool sign;
    int32_t exp;
    uint64_t sig;
};

Term term_of(const Unpacked& u) {
    return {u.sign, u.exp + 1, uint64_t(u.sig) << 38};
}

// Exact sum of two nonzero finite terms, rounded once. The smaller term loses bits below bit 0
// only when the exponents differ by 2 or more; then at most one bit cancels, and because the
// larger term is even, the jammed sum is odd and lies on the same side of every rounding
// boundary as the exact sum.
uint32_t add_terms(Term x, Term y, Rounding rm, uint8_t& flags) {
    if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) std::swap(x, y);
    y.sig = shift_right_jam(y.sig, uint32_t(x.exp - y.exp));
    if (x.sign == y.sign) return normalize_round_pack(x.sign, x.exp, x.sig + y.sig, rm, flags);
    const uint64_t diff = x.sig - y.sig;
    if (diff == 0) return signed_zero(rm == Rounding::Down);
    return normalize_round_pack(x.sign, x.exp, diff, rm, flags);
}

// Bit by bit: only for building the table below at compile time.
constexpr uint64_t floor_sqrt_slow(uint64_t n) {
    uint64_t r = 0;
    for (uint64_t bit = uint64_t(1) << 31; bit != 0; bit >>= 1)
        if ((r + bit) * (r + bit) <= n) r += bit;
    return r;
}

// 1/sqrt(u) for u in [1, 4) split into 192 intervals of width 1/64, in Q16 at each interval's
// centre: good to 8 bits. Entry j - 64 is sqrt(2^32 * 64 / (j + 1/2)).
constexpr auto kRsqrtTable = [] {
    std::array<uint16_t, 192> t{};
    for (uint64_t j = 64; j < 256; ++j)
        t[j - 64] = uint16_t(floor_sqrt_slow((uint64_t(1) << 39) / (2 * j + 1)));
    return t;
}();

// floor(sqrt(n)) for n in [2^50, 2^52); `exact` tells whether n was a square. Two Newton steps
// on 1/sqrt(u), u = n / 2^50, take the table's 8 bits to about 29, which leaves the estimate
// within one of the floor (for every n a binary32 significand gives; the tests try them all);
// the final steps make it exact.
uint32_t floor_sqrt(uint64_t n, bool& exact) {
    const uint64_t u = n >> 20;                                // Q30
    uint64_t y = uint64_t(kRsqrtTable[(n >> 44) - 64]) << 15;  // Q31
    for (int step = 0; step < 2; ++step) {
        const uint64_t uy2 = (u * ((y * y) >> 31)) >> 30;  // u * y^2, Q31
        y = (y * (3 * (uint64_t(1) << 31) - uy2)) >> 32;   // y * (3 - u * y^2) / 2, Q31
    }
    uint64_t r = (u * y) >> 36;  // u * y * 2^25
    while (r * r > n) --r;
    while ((r + 1) * (r + 1) <= n) ++r;
    exact = r * r == n;
    return uint32_t(r);
}

// |a| (finite, nonzero, below 2^32) rounded to an integer; `inexact` tells whether it moved.
uint64_t round_to_integer(const Unpacked& x, Rounding rm, bool& inexact) {
    if (x.exp >= 23) {
        inexact = false;
        return uint64_t(x.sig) << (x.exp - 23);
    }
    // Every |a| < 1/2 rounds alike, so the fraction never needs more than 25 bits.
    const int shift = x.exp < -2 ? 25 : 23 - x.exp;
    const uint32_t rem = x.sig & ((uint32_t(1) << shift) - 1);
    const uint32_t q = x.sig >> shift;
    inexact = rem != 0;
    return q + round_up(rm, x.sign, q & 1, rem, uint32_t(1) << (shift - 1));
}

// Total order on non-NaN encodings with -0 below +0.
uint32_t order_key(uint32_t a) {
    return sign_of(a) ? ~a : a | kSignBit;
}

bool both_zero(uint32_t a, uint32_t b) {
    return is_zero(a) && is_zero(b);
}

// fmin when `want_max` is false, fmax when true.
uint32_t min_max(uint32_t a, uint32_t b, bool want_max, uint8_t& flags) {
    if (is_snan(a) || is_snan(b)) flags |= flag::NV;
    if (is_nan(a)) return is_nan(b) ? kCanonicalNaN : b;
    if (is_nan(b)) return a;
    return (order_key(a) < order_key(b)) != want_max ? a : b;
}

}  // namespace

uint32_t add(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) return nan_result(a, b, flags);
    if (is_inf(a)) return is_inf(b) && a != b ? invalid(flags) : a;
    if (is_inf(b)) return b;
    if (is_zero(a)) return is_zero(b) ? zero_sum(a, b, rm) : b;
    if (is_zero(b)) return a;
    return add_terms(term_of(unpack(a)), term_of(unpack(b)), rm, flags);
}

uint32_t sub(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags) {
    return add(a, b ^ kSignBit, rm, flags);
}

uint32_t mul(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) return nan_result(a, b, flags);
    const bool sign = sign_of(a ^ b);
    if (is_inf(a) || is_inf(b)) {
        return is_zero(a) || is_zero(b) ? invalid(flags) : signed_zero(sign) | kInf;
    }
    if (is_zero(a) || is_zero(b)) return signed_zero(sign);
    const Unpacked x = unpack(a);
    const Unpacked y = unpack(b);
    // The 48-bit product is exact: value = product * 2^(x.exp + y.exp - 46).
    return normalize_round_pack(sign, x.exp + y.exp + 16, uint64_t(x.sig) * y.sig, rm, flags);
}

uint32_t div(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) return nan_result(a, b, flags);
    const bool sign = sign_of(a ^ b);
    if (is_inf(a)) return is_inf(b) ? invalid(flags) : signed_zero(sign) | kInf;
    if (is_inf(b)) return signed_zero(sign);
    if (is_zero(b)) {
        if (is_zero(a)) return invalid(flags);
        flags |= flag::DZ;
        return signed_zero(sign) | kInf;
    }
    if (is_zero(a)) return signed_zero(sign);
    const Unpacked x = unpack(a);
    const Unpacked y = unpack(b);
    // A quotient of at least 40 bits plus a sticky bit for the remainder rounds correctly.
    const uint64_t num = uint64_t(x.sig) << 40;
    const uint64_t quot = num / y.sig;
    const uint64_t sticky = num % y.sig != 0;
    return normalize_round_pack(sign, x.exp - y.exp + 22, quot | sticky, rm, flags);
}

uint32_t sqrt(uint32_t a, Rounding rm, uint8_t& flags) {
    if (is_nan(a)) return nan_result(a, a, flags);
    if (is_zero(a)) return a;  // sqrt(-0) = -0
    if (sign_of(a)) return invalid(flags);
    if (is_inf(a)) return a;
    const Unpacked x = unpack(a);
    // sig * 2^(exp - 23) = (sig << shift) * 2^(exp - 23 - shift) with an even power of two;
    // a shift of 27 or 28 gives a 26-bit root: 24 result bits and 2 round bits. Rounding
    // boundaries are even, so OR-ing the sticky bit into bit 0 moves the root across none.
    const int shift = (x.exp - 23) & 1 ? 27 : 28;
    bool exact;
    const uint32_t root = floor_sqrt(uint64_t(x.sig) << shift, exact);
    return normalize_round_pack(false, (x.exp - 23 - shift) / 2 + 62, root | !exact, rm, flags);
}

uint32_t fma(uint32_t a, uint32_t b, uint32_t c, Rounding rm, uint8_t& flags) {
    const bool zero_times_inf = (is_zero(a) && is_inf(b)) || (is_inf(a) && is_zero(b));
    if (is_nan(a) || is_nan(b) || is_nan(c)) {
        if (is_snan(a) || is_snan(b) || is_snan(c) || zero_times_inf) flags |= flag::NV;
        return kCanonicalNaN;
    }
    const bool sign = sign_of(a ^ b);
    if (zero_times_inf) return invalid(flags);
    if (is_inf(a) || is_inf(b)) {
        return is_inf(c) && sign_of(c) != sign ? invalid(flags) : signed_zero(sign) | kInf;
    }
    if (is_inf(c)) return c;
    if (is_zero(a) || is_zero(b)) return is_zero(c) ? zero_sum(signed_zero(sign), c, rm) : c;
    const Unpacked x = unpack(a);
    const Unpacked y = unpack(b);
    const uint64_t product = uint64_t(x.sig) * y.sig;  // exact: product * 2^(x.exp + y.exp - 46)
    if (is_zero(c)) return normalize_round_pack(sign, x.exp + y.exp + 16, product, rm, flags);
    const int shift = __builtin_clzll(product) - 2;
    const Term p{sign, x.exp + y.exp + 16 - shift, product << shift};
    return add_terms(p, term_of(unpack(c)), rm, flags);
}

uint32_t min(uint32_t a, uint32_t b, uint8_t& flags) {
    return min_max(a, b, false, flags);
}
uint32_t max(uint32_t a, uint32_t b, uint8_t& flags) {
    return min_max(a, b, true, flags);
}

bool eq(uint32_t a, uint32_t b, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) {
        nan_result(a, b, flags);
        return false;
    }
    return a == b || both_zero(a, b);
}

bool lt(uint32_t a, uint32_t b, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) {
        invalid(flags);
        return false;
    }
    return !both_zero(a, b) && order_key(a) < order_key(b);
}

bool le(uint32_t a, uint32_t b, uint8_t& flags) {
    if (is_nan(a) || is_nan(b)) {
        invalid(flags);
        return false;
    }
    return both_zero(a, b) || order_key(a) <= order_key(b);
}

uint32_t classify(uint32_t a) {
    if (is_nan(a)) return a & kQuietBit ? 1u << 9 : 1u << 8;
    const uint32_t field = (a >> 23) & 0xff;
    // Classes by magnitude: 0 zero, 1 subnormal, 2 normal, 3 infinity; the negative classes
    // are the positive ones mirrored around bit 3.5.
    const int cls = is_zero(a) ? 0 : field == 0 ? 1 : field == 0xff ? 3 : 2;
    return 1u << (sign_of(a) ? 3 - cls : 4 + cls);
}

int32_t to_i32(uint32_t a, Rounding rm, uint8_t& flags) {
    if (is_zero(a)) return 0;
    // NaN saturates as +inf does; infinities unpack with exponent 128.
    const Unpacked x = unpack(is_nan(a) ? kInf : a);
    bool inexact = false;
    const uint64_t m = x.exp > 31 ? uint64_t(1) << 32 : round_to_integer(x, rm, inexact);
    if (m > uint64_t(INT32_MAX) + x.sign) {
        flags |= flag::NV;
        return x.sign ? INT32_MIN : INT32_MAX;
    }
    if (inexact) flags |= flag::NX;
    return int32_t(x.sign ? 0u - uint32_t(m) : uint32_t(m));
}

uint32_t to_u32(uint32_t a, Rounding rm, uint8_t& flags) {
    if (is_zero(a)) return 0;
    const Unpacked x = unpack(is_nan(a) ? kInf : a);  // as in to_i32
    bool inexact = false;
    const uint64_t m = x.exp > 31 ? uint64_t(1) << 32 : round_to_integer(x, rm, inexact);
    if (m > (x.sign ? 0 : 0xffffffffu)) {
        flags |= flag::NV;
        return x.sign ? 0 : 0xffffffff;
    }
    if (inexact) flags |= flag::NX;
    return uint32_t(m);
}

uint32_t from_i32(int32_t v, Rounding rm, uint8_t& flags) {
    if (v == 0) return 0;
    const uint32_t m = v < 0 ? 0u - uint32_t(v) : uint32_t(v);
    return normalize_round_pack(v < 0, 62, m, rm, flags);
}

uint32_t from_u32(uint32_t v, Rounding rm, uint8_t& flags) {
    if (v == 0) return 0;
    return normalize_round_pack(false, 62, v, rm, flags);
}

}  // namespace accelvp::sf
