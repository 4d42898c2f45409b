// The software binary32 library against the host's x86 SSE/FMA unit, which rounds and raises
// flags as RISC-V does in the four modes it has (tininess after rounding, UF only when
// inexact), on corner values and on millions of generated operands; against an independent
// double-based reference for round-to-nearest-max-magnitude, which the host lacks; and on
// hand-worked cases for everything RISC-V specifies beyond IEEE 754.
#include "ip/riscv/softfloat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace sf = accelvp::sf;
using sf::Rounding;

namespace {

constexpr uint8_t NX = sf::flag::NX, UF = sf::flag::UF, OF = sf::flag::OF, DZ = sf::flag::DZ,
                  NV = sf::flag::NV;
constexpr uint32_t kQNaN = sf::kCanonicalNaN;
constexpr uint32_t kInf = 0x7f800000, kNegInf = 0xff800000, kMax = 0x7f7fffff;
constexpr uint32_t kNeg = 0x80000000;
constexpr int kRandomCases = 1'000'000;  // per operation and rounding mode

uint32_t bits_of(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}
float float_of(uint32_t b) {
    float f;
    std::memcpy(&f, &b, sizeof f);
    return f;
}
uint64_t bits_of(double d) {
    uint64_t b;
    std::memcpy(&b, &d, sizeof b);
    return b;
}
double double_of(uint32_t b) { return double(float_of(b)); }
bool is_nan(uint32_t a) { return (a & ~kNeg) > kInf; }

const char* name_of(Rounding rm) {
    static const char* const names[] = {"RNE", "RTZ", "RDN", "RUP", "RMM"};
    return names[int(rm)];
}

struct Result {
    uint32_t bits;
    uint8_t flags;
    bool operator==(const Result& o) const { return bits == o.bits && flags == o.flags; }
};

void PrintTo(const Result& r, std::ostream* os) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "{%08x, flags %02x}", r.bits, r.flags);
    *os << buf;
}

// ---------------------------------------------------------------------------------------------
// Host reference. Each operation is one asm block that loads MXCSR (rounding mode, flags
// cleared, exceptions masked), computes, reads the flags back and restores the default MXCSR,
// so the compiler can neither constant-fold it nor move it out of its rounding mode.

const uint32_t kDefaultCsr = 0x1f80;

struct HostMode {
    Rounding rm;
    uint32_t csr;  // MXCSR.RC in bits 13-14
    int fenv;
};
constexpr HostMode kHostModes[] = {
    {Rounding::NearestEven, 0x1f80, FE_TONEAREST},
    {Rounding::TowardZero, 0x7f80, FE_TOWARDZERO},
    {Rounding::Down, 0x3f80, FE_DOWNWARD},
    {Rounding::Up, 0x5f80, FE_UPWARD},
};
constexpr Rounding kAllModes[] = {Rounding::NearestEven, Rounding::TowardZero, Rounding::Down,
                                  Rounding::Up, Rounding::NearestMaxMagnitude};

// MXCSR flags IE DE ZE OE UE PE (bits 0-5) to fflags; DE (denormal operand) has no RISC-V peer.
uint8_t riscv_flags(uint32_t csr) {
    return uint8_t(((csr & 1) ? NV : 0) | ((csr & 4) ? DZ : 0) | ((csr & 8) ? OF : 0) |
                   ((csr & 16) ? UF : 0) | ((csr & 32) ? NX : 0));
}

template <typename T>
struct Host {
    T value;
    uint8_t flags;
};

#define HOST_ASM(insn) "ldmxcsr %[csr]\n\t" insn "\n\tstmxcsr %[out]\n\tldmxcsr %[dflt]"
#define HOST_BINARY(fn, T, insn)                                             \
    Host<T> fn(T x, T y, uint32_t csr) {                                     \
        uint32_t out;                                                        \
        asm volatile(HOST_ASM(insn " %[y], %[x]")                            \
                     : [x] "+x"(x), [out] "=m"(out)                          \
                     : [y] "x"(y), [csr] "m"(csr), [dflt] "m"(kDefaultCsr)); \
        return {x, riscv_flags(out)};                                        \
    }
HOST_BINARY(host_add, float, "addss")
HOST_BINARY(host_sub, float, "subss")
HOST_BINARY(host_mul, float, "mulss")
HOST_BINARY(host_div, float, "divss")
HOST_BINARY(host_add_d, double, "addsd")
HOST_BINARY(host_sub_d, double, "subsd")
HOST_BINARY(host_mul_d, double, "mulsd")
HOST_BINARY(host_div_d, double, "divsd")

#define HOST_SQRT(fn, T, insn)                                   \
    Host<T> fn(T x, uint32_t csr) {                              \
        uint32_t out;                                            \
        asm volatile(HOST_ASM(insn " %[x], %[x]")                \
                     : [x] "+x"(x), [out] "=m"(out)              \
                     : [csr] "m"(csr), [dflt] "m"(kDefaultCsr)); \
        return {x, riscv_flags(out)};                            \
    }
HOST_SQRT(host_sqrt, float, "sqrtss")
HOST_SQRT(host_sqrt_d, double, "sqrtsd")

#define HOST_FMA(fn, T, insn)                                                            \
    Host<T> fn(T x, T y, T z, uint32_t csr) {                                            \
        uint32_t out;                                                                    \
        asm volatile(HOST_ASM(insn " %[z], %[y], %[x]")                                  \
                     : [x] "+x"(x), [out] "=m"(out)                                      \
                     : [y] "x"(y), [z] "x"(z), [csr] "m"(csr), [dflt] "m"(kDefaultCsr)); \
        return {x, riscv_flags(out)};                                                    \
    }
HOST_FMA(host_fma, float, "vfmadd213ss")  // x = y * x + z
HOST_FMA(host_fma_d, double, "vfmadd213sd")

#define REQUIRE_HOST_FMA() \
    if (!__builtin_cpu_supports("fma")) GTEST_SKIP() << "the host has no FMA unit to compare with"

// 64-bit conversions: every 32-bit integer is in range, so the host only rounds.
Host<int64_t> host_to_i64(float x, uint32_t csr) {
    uint32_t out;
    int64_t r;
    asm volatile(HOST_ASM("cvtss2si %[x], %[r]")
                 : [r] "=r"(r), [out] "=m"(out)
                 : [x] "x"(x), [csr] "m"(csr), [dflt] "m"(kDefaultCsr));
    return {r, riscv_flags(out)};
}
Host<float> host_from_i64(int64_t v, uint32_t csr) {
    uint32_t out;
    float x = 0;
    asm volatile(HOST_ASM("cvtsi2ss %[v], %[x]")
                 : [x] "+x"(x), [out] "=m"(out)
                 : [v] "r"(v), [csr] "m"(csr), [dflt] "m"(kDefaultCsr));
    return {x, riscv_flags(out)};
}

// A host result as RISC-V gives it: every NaN is the canonical one.
Result canonical(Host<float> h) {
    const uint32_t b = bits_of(h.value);
    return {is_nan(b) ? kQNaN : b, h.flags};
}

bool zero_times_inf(uint32_t a, uint32_t b) {
    auto zero = [](uint32_t x) { return (x & ~kNeg) == 0; };
    auto inf = [](uint32_t x) { return (x & ~kNeg) == kInf; };
    return (zero(a) && inf(b)) || (inf(a) && zero(b));
}

Result host_fma_riscv(uint32_t a, uint32_t b, uint32_t c, uint32_t csr) {
    Result r = canonical(host_fma(float_of(a), float_of(b), float_of(c), csr));
    // RISC-V raises NV for 0 * inf even when c is a quiet NaN; x86 (Intel) leaves that quiet.
    if (zero_times_inf(a, b)) r.flags |= NV;
    return r;
}

// fcvt.w[u].s from the host's 64-bit conversion plus the RISC-V saturation rules.
Result host_to_int(uint32_t a, uint32_t csr, bool is_unsigned) {
    const int64_t lo = is_unsigned ? 0 : INT32_MIN;
    const int64_t hi = is_unsigned ? int64_t(UINT32_MAX) : INT32_MAX;
    if (is_nan(a)) return {uint32_t(hi), NV};
    if ((a & ~kNeg) >= 0x5f000000) return {uint32_t(a & kNeg ? lo : hi), NV};  // |a| >= 2^63
    const Host<int64_t> h = host_to_i64(float_of(a), csr);
    if (h.value < lo) return {uint32_t(lo), NV};
    if (h.value > hi) return {uint32_t(hi), NV};
    return {uint32_t(h.value), h.flags};
}

// ---------------------------------------------------------------------------------------------
// Independent round-to-nearest, ties-away reference: rounds a double that holds an exact
// result to binary32. `tie` tells whether the exact result was halfway between two floats.
Result round_rmm(double d, bool& tie) {
    tie = false;
    const uint64_t b = bits_of(d);
    const uint32_t sign = uint32_t(b >> 63) << 31;
    if ((b << 1) == 0) return {sign, 0};
    const int e = int((b >> 52) & 0x7ff) - 1023;  // results of float operands are normal doubles
    const uint64_t m = (b & ((uint64_t(1) << 52) - 1)) | (uint64_t(1) << 52);  // d = m * 2^(e-52)
    // Tininess: is the result, rounded to 24 bits with an unbounded exponent, below 2^-126?
    const uint64_t unbounded = (m + (uint64_t(1) << 28)) >> 29;
    const bool tiny = e + int(unbounded >> 24) < -126;
    const int drop = std::min(std::max(e, -126) - e + 29, 60);
    const uint64_t rem = m & ((uint64_t(1) << drop) - 1);
    const uint64_t half = uint64_t(1) << (drop - 1);
    const uint32_t q = uint32_t(m >> drop) + (rem >= half);
    tie = rem == half;
    const uint8_t flags = rem == 0 ? 0 : tiny ? (NX | UF) : NX;
    if (e < -126) return {sign | q, flags};
    const uint32_t mag = (uint32_t(e + 126) << 23) + q;
    if (e > 127 || mag >= kInf) return {sign | kInf, OF | NX};
    return {sign | mag, flags};
}

// The RMM result of an operation whose exact value the double `exact` may hold: if it is exact
// and finite, the reference above; otherwise it is no tie, and RMM must equal RNE.
Result rmm_reference(Host<double> exact, Host<float> rne, bool& tie) {
    tie = false;
    if ((exact.flags & NX) || !std::isfinite(exact.value)) return canonical(rne);
    return round_rmm(exact.value, tie);
}

Result rmm_to_int(uint32_t a, bool is_unsigned, bool& tie) {
    tie = false;
    const double lo = is_unsigned ? 0.0 : double(INT32_MIN);
    const double hi = is_unsigned ? double(UINT32_MAX) : double(INT32_MAX);
    if (is_nan(a)) return {uint32_t(int64_t(hi)), NV};
    const double d = double_of(a);
    const double r = std::round(d);  // halves away from zero
    tie = std::fabs(d - std::trunc(d)) == 0.5;
    if (r < lo) return {uint32_t(int64_t(lo)), NV};
    if (r > hi) return {uint32_t(int64_t(hi)), NV};
    return {uint32_t(int64_t(r)), uint8_t(r != d ? NX : 0)};
}

// ---------------------------------------------------------------------------------------------
// Collects mismatches, prints the first few with their operands, and fails once at the end.
class Checker {
public:
    explicit Checker(std::string op) : op_(std::move(op)) {}
    ~Checker() { EXPECT_EQ(failures_, 0u) << op_ << ": mismatches out of " << checks_ << " cases"; }

    void check(Rounding rm, std::initializer_list<uint32_t> operands, Result want, Result got) {
        ++checks_;
        if (want == got) return;
        if (++failures_ > 12) return;
        std::string ops;
        char buf[32];
        for (uint32_t v : operands) {
            std::snprintf(buf, sizeof buf, " %08x", v);
            ops += buf;
        }
        ADD_FAILURE() << op_ << " " << name_of(rm) << ops << ": want "
                      << testing::PrintToString(want) << ", got " << testing::PrintToString(got);
    }

private:
    std::string op_;
    uint64_t checks_ = 0;
    uint64_t failures_ = 0;
};

template <typename F>
Result soft(F f) {
    uint8_t flags = 0;
    const uint32_t bits = f(flags);
    return {bits, flags};
}

// ---------------------------------------------------------------------------------------------
// Operands.

std::vector<uint32_t> corner_values() {
    const uint32_t positive[] = {
        0x00000000, 0x00000001, 0x00000002, 0x00000003, 0x00400000, 0x00555555, 0x007fffff,
        0x00800000, 0x00800001, 0x00ffffff, 0x01000000, 0x0c800000, 0x33000000, 0x33800000,
        0x34000000, 0x3dcccccd, 0x3eaaaaab, 0x3effffff, 0x3f000000, 0x3f000001, 0x3f7fffff,
        0x3f800000, 0x3f800001, 0x3fbfffff, 0x3fc00000, 0x3fffffff, 0x40000000, 0x40200000,
        0x40400000, 0x4b000000, 0x4b7fffff, 0x4b800000, 0x4b800001, 0x4effffff, 0x4f000000,
        0x4f7fffff, 0x4f800000, 0x5f000000, 0x73000000, 0x7e800000, 0x7effffff, 0x7f000000,
        0x7f7ffffe, 0x7f7fffff, 0x7f800000, 0x7fc00000, 0x7fffffff, 0x7f800001, 0x7fbfffff,
    };
    std::vector<uint32_t> v;
    for (uint32_t p : positive) {
        v.push_back(p);
        v.push_back(p | kNeg);
    }
    return v;
}

class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t next() {  // splitmix64
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint32_t bits() { return uint32_t(next() >> 32); }
    uint32_t below(uint32_t n) { return uint32_t((next() >> 32) * n >> 32); }
    bool coin() { return next() >> 63; }

private:
    uint64_t state_;
};

uint32_t make_float(bool sign, int field, uint32_t frac) {
    return (uint32_t(sign) << 31) | (uint32_t(field) << 23) | (frac & 0x7fffff);
}
int field_of(uint32_t a) { return int((a >> 23) & 0xff); }

// A fraction biased to the shapes that make ties, exact results and rounding carries.
uint32_t fraction(Random& r) {
    switch (r.below(5)) {
        case 0: return r.bits();
        case 1: return r.bits() & (~0u << r.below(24));                   // short significand
        case 2: return ((1u << r.below(24)) - 1) << r.below(24);          // a run of ones
        case 3: return 0x7fffff ^ (r.bits() & ((1u << r.below(9)) - 1));  // just below a carry
        default: return r.bits() & ((1u << r.below(24)) - 1);             // just above a power of 2
    }
}

int exponent_field(Random& r) {
    switch (r.below(4)) {
        case 0: return int(r.below(256));
        case 1: return int(r.below(4));          // subnormal and smallest normals
        case 2: return 251 + int(r.below(5));    // largest binades, infinity and NaN
        default: return 112 + int(r.below(30));  // around 1
    }
}

uint32_t value(Random& r) {
    if (r.below(4) == 0) return r.bits();
    return make_float(r.coin(), exponent_field(r), fraction(r));
}

// A value within three binades of `a`, with a random sign: sums with `a` cancel.
uint32_t near(Random& r, uint32_t a) {
    const int field = std::clamp(field_of(a) + int(r.below(7)) - 3, 0, 254);
    switch (r.below(3)) {
        case 0: return make_float(r.coin(), field, fraction(r));
        case 1: return make_float(r.coin(), field, a ^ (r.bits() & ((1u << r.below(24)) - 1)));
        default: return make_float(r.coin(), field, a);
    }
}

// A value that puts a * b (or a / b) near the underflow or the overflow threshold.
uint32_t towards_edge(Random& r, uint32_t a, bool divide) {
    const int target = r.coin() ? int(r.below(30)) - 26 : 248 + int(r.below(10));
    const int field = divide ? field_of(a) - target + 127 : target - field_of(a) + 127;
    return make_float(r.coin(), field >= 0 && field <= 254 ? field : int(r.below(255)),
                      fraction(r));
}

uint32_t host_product(uint32_t a, uint32_t b) {
    return bits_of(host_mul(float_of(a), float_of(b), kDefaultCsr).value);
}

struct Operands {
    uint32_t a, b, c;
};

Operands sum_operands(Random& r) {
    const uint32_t a = value(r);
    return {a, r.coin() ? value(r) : near(r, a), 0};
}

Operands product_operands(Random& r, bool divide) {
    const uint32_t a = value(r);
    switch (r.below(3)) {
        case 0: return {a, value(r), 0};
        case 1: return {a, near(r, a), 0};
        default: return {a, towards_edge(r, a, divide), 0};
    }
}

Operands fma_operands(Random& r) {
    const Operands ab = product_operands(r, false);
    const uint32_t p = host_product(ab.a, ab.b);
    switch (r.below(3)) {
        case 0: return {ab.a, ab.b, value(r)};
        case 1: return {ab.a, ab.b, near(r, p)};
        default: return {ab.a, ab.b, (p ^ kNeg) + r.below(5) - 2};  // cancels all but the error
    }
}

uint32_t sqrt_operand(Random& r) {
    switch (r.below(4)) {
        case 0: return value(r);
        case 1: return value(r) & ~kNeg;
        case 2: {  // an exact square
            const uint32_t m = 1 + r.below(4096);
            return bits_of(float(m * m)) + (uint32_t(2 * int(r.below(61)) - 60) << 23);
        }
        default: {  // near a square
            const uint32_t x = value(r) & ~kNeg;
            return host_product(x, x) + r.below(5) - 2;
        }
    }
}

uint32_t to_int_operand(Random& r) {
    switch (r.below(5)) {
        case 0: return value(r);
        case 1: {
            // k + 1/2, with k below 2^23 so that the sum is a float.
            const uint32_t k = r.bits() >> (9 + r.below(23));
            return bits_of(float(double(k) + 0.5)) | (r.coin() ? kNeg : 0);
        }
        default: return make_float(r.coin(), 110 + int(r.below(56)), fraction(r));  // 2^-17 .. 2^38
    }
}

uint32_t from_int_operand(Random& r) {
    static const uint32_t limits[] = {0x7fffffff, 0x80000000, 0xffffffff, 1u << 24, 0};
    switch (r.below(4)) {
        case 0: return r.bits();
        case 1: return r.bits() >> r.below(32);
        case 2: return ((r.bits() >> 7) << r.below(8)) + r.below(3) - 1;  // 25-bit values: ties
        default: return limits[r.below(5)] + r.below(512) - 256;
    }
}

// ---------------------------------------------------------------------------------------------
// The operations under test, each with its host and exact-double counterparts.

struct BinaryOp {
    const char* name;
    uint32_t (*soft)(uint32_t, uint32_t, Rounding, uint8_t&);
    Host<float> (*host)(float, float, uint32_t);
    Host<double> (*exact)(double, double, uint32_t);
};
const BinaryOp kBinaryOps[] = {
    {"add", sf::add, host_add, host_add_d},
    {"sub", sf::sub, host_sub, host_sub_d},
    {"mul", sf::mul, host_mul, host_mul_d},
    {"div", sf::div, host_div, host_div_d},
};

Result host_binary(const BinaryOp& op, uint32_t a, uint32_t b, uint32_t csr) {
    return canonical(op.host(float_of(a), float_of(b), csr));
}
Result soft_binary(const BinaryOp& op, uint32_t a, uint32_t b, Rounding rm) {
    return soft([&](uint8_t& f) { return op.soft(a, b, rm, f); });
}
Result soft_add(uint32_t a, uint32_t b, Rounding rm) {
    return soft_binary(kBinaryOps[0], a, b, rm);
}
Result soft_sub(uint32_t a, uint32_t b, Rounding rm) {
    return soft_binary(kBinaryOps[1], a, b, rm);
}
Result soft_mul(uint32_t a, uint32_t b, Rounding rm) {
    return soft_binary(kBinaryOps[2], a, b, rm);
}
Result soft_div(uint32_t a, uint32_t b, Rounding rm) {
    return soft_binary(kBinaryOps[3], a, b, rm);
}
Result soft_sqrt(uint32_t a, Rounding rm) {
    return soft([&](uint8_t& f) { return sf::sqrt(a, rm, f); });
}
Result soft_fma(uint32_t a, uint32_t b, uint32_t c, Rounding rm) {
    return soft([&](uint8_t& f) { return sf::fma(a, b, c, rm, f); });
}
Result soft_to_int(uint32_t a, Rounding rm, bool is_unsigned) {
    return soft([&](uint8_t& f) {
        return is_unsigned ? sf::to_u32(a, rm, f) : uint32_t(sf::to_i32(a, rm, f));
    });
}
Result soft_from_int(uint32_t v, Rounding rm, bool is_unsigned) {
    return soft([&](uint8_t& f) {
        return is_unsigned ? sf::from_u32(v, rm, f) : sf::from_i32(int32_t(v), rm, f);
    });
}
Result host_from_int(uint32_t v, uint32_t csr, bool is_unsigned) {
    return canonical(host_from_i64(is_unsigned ? int64_t(v) : int64_t(int32_t(v)), csr));
}

// =============================================================================================
// The harness itself.

TEST(SoftFloatHarness, MxcsrHarnessAgreesWithFenv) {
    const auto corners = corner_values();
    for (const HostMode& m : kHostModes) {
        for (uint32_t a : corners) {
            for (uint32_t b : corners) {
                ASSERT_EQ(std::fesetround(m.fenv), 0);  // each harness call restores the default
                volatile float x = float_of(a), y = float_of(b);
                std::feclearexcept(FE_ALL_EXCEPT);
                volatile float q = x / y;
                const int e = std::fetestexcept(FE_ALL_EXCEPT);
                const uint8_t flags =
                    uint8_t((e & FE_INVALID ? NV : 0) | (e & FE_DIVBYZERO ? DZ : 0) |
                            (e & FE_OVERFLOW ? OF : 0) | (e & FE_UNDERFLOW ? UF : 0) |
                            (e & FE_INEXACT ? NX : 0));
                const Host<float> h = host_div(float_of(a), float_of(b), m.csr);
                EXPECT_EQ(bits_of(q), bits_of(h.value)) << std::hex << a << " / " << b;
                EXPECT_EQ(flags, h.flags) << std::hex << a << " / " << b;
            }
        }
    }
    std::fesetround(FE_TONEAREST);
}

// The two properties of the host that make it a RISC-V reference for underflow.
TEST(SoftFloatHarness, HostDetectsTininessAfterRoundingAndIgnoresExactTinyResults) {
    const uint32_t csr = kHostModes[0].csr;
    // 2^-100 * 2^-30 = 2^-130 is subnormal but exact: no flag at all.
    Host<float> h = host_mul(float_of(0x0d800000), float_of(0x30800000), csr);
    EXPECT_EQ(bits_of(h.value), 0x00080000u);
    EXPECT_EQ(h.flags, 0);
    // (1 - 2^-13) * (1 + 2^-13) * 2^-126 = 2^-126 * (1 - 2^-26): below 2^-126 before rounding,
    // but 2^-126 after rounding to 24 bits: inexact, not tiny.
    h = host_mul(float_of(0x3f7ff800), float_of(0x00800400), csr);
    EXPECT_EQ(bits_of(h.value), 0x00800000u);
    EXPECT_EQ(h.flags, NX);
    // Toward zero it stays below 2^-126: tiny and inexact.
    h = host_mul(float_of(0x3f7ff800), float_of(0x00800400), kHostModes[1].csr);
    EXPECT_EQ(bits_of(h.value), 0x007fffffu);
    EXPECT_EQ(h.flags, UF | NX);
}

TEST(SoftFloatHarness, RmmReferenceOnHandCases) {
    bool tie;
    EXPECT_EQ(round_rmm(1.0 + 0x1p-24, tie), (Result{0x3f800001, NX}));
    EXPECT_TRUE(tie);
    EXPECT_EQ(round_rmm(0x1p-150, tie), (Result{0x00000001, UF | NX}));
    EXPECT_EQ(round_rmm(-0x1p-151, tie), (Result{0x80000000, UF | NX}));
    EXPECT_EQ(round_rmm(0x1p-126 - 0x1p-150, tie), (Result{0x00800000, UF | NX}));
    EXPECT_EQ(round_rmm(0x1p-126 - 0x1p-151, tie), (Result{0x00800000, NX}));
    EXPECT_EQ(round_rmm(0x1p128 - 0x1p103, tie), (Result{kInf, OF | NX}));
    EXPECT_EQ(round_rmm(0x1p128 - 0x1p104 + 0x1p102, tie), (Result{kMax, NX}));
    EXPECT_EQ(round_rmm(-3.0, tie), (Result{0xc0400000, 0}));
    EXPECT_FALSE(tie);
}

// =============================================================================================
// Against the host in its four rounding modes.

TEST(SoftFloatVsHost, BinaryOpsOnAllCornerPairs) {
    const auto corners = corner_values();
    for (const BinaryOp& op : kBinaryOps) {
        Checker c(op.name);
        for (const HostMode& m : kHostModes)
            for (uint32_t a : corners)
                for (uint32_t b : corners)
                    c.check(m.rm, {a, b}, host_binary(op, a, b, m.csr),
                            soft_binary(op, a, b, m.rm));
    }
}

TEST(SoftFloatVsHost, FmaOnAllCornerTriples) {
    REQUIRE_HOST_FMA();
    const auto corners = corner_values();
    Checker c("fma");
    for (const HostMode& m : kHostModes)
        for (uint32_t a : corners)
            for (uint32_t b : corners)
                for (uint32_t x : corners)
                    c.check(m.rm, {a, b, x}, host_fma_riscv(a, b, x, m.csr),
                            soft_fma(a, b, x, m.rm));
}

TEST(SoftFloatVsHost, SqrtAndConversionsOnCorners) {
    Checker s("sqrt"), ti("to_i32"), tu("to_u32"), fi("from_i32"), fu("from_u32");
    std::vector<uint32_t> ints = {0,          1,          2,          3,          0x7fffffff,
                                  0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0x01000001,
                                  0x01000003, 0x7fffffc0, 0x7fffff80, 0xffffff80, 0xfffffe80,
                                  0x80000080, 0x800000c0, 0x00ffffff, 0xff000001};
    for (const HostMode& m : kHostModes) {
        for (uint32_t a : corner_values()) {
            s.check(m.rm, {a}, canonical(host_sqrt(float_of(a), m.csr)), soft_sqrt(a, m.rm));
            ti.check(m.rm, {a}, host_to_int(a, m.csr, false), soft_to_int(a, m.rm, false));
            tu.check(m.rm, {a}, host_to_int(a, m.csr, true), soft_to_int(a, m.rm, true));
        }
        for (uint32_t v : ints) {
            fi.check(m.rm, {v}, host_from_int(v, m.csr, false), soft_from_int(v, m.rm, false));
            fu.check(m.rm, {v}, host_from_int(v, m.csr, true), soft_from_int(v, m.rm, true));
        }
    }
}

TEST(SoftFloatVsHost, RandomAddSub) {
    for (const BinaryOp* op : {&kBinaryOps[0], &kBinaryOps[1]}) {
        Checker c(op->name);
        Random r(0xadd5 + (op == &kBinaryOps[1]));
        for (const HostMode& m : kHostModes)
            for (int i = 0; i < kRandomCases; ++i) {
                const Operands o = sum_operands(r);
                c.check(m.rm, {o.a, o.b}, host_binary(*op, o.a, o.b, m.csr),
                        soft_binary(*op, o.a, o.b, m.rm));
            }
    }
}

TEST(SoftFloatVsHost, RandomMulDiv) {
    for (const BinaryOp* op : {&kBinaryOps[2], &kBinaryOps[3]}) {
        const bool divide = op == &kBinaryOps[3];
        Checker c(op->name);
        Random r(0x3a1 + divide);
        for (const HostMode& m : kHostModes)
            for (int i = 0; i < kRandomCases; ++i) {
                const Operands o = product_operands(r, divide);
                c.check(m.rm, {o.a, o.b}, host_binary(*op, o.a, o.b, m.csr),
                        soft_binary(*op, o.a, o.b, m.rm));
            }
    }
}

TEST(SoftFloatVsHost, RandomFma) {
    REQUIRE_HOST_FMA();
    Checker c("fma");
    Random r(0xf3a);
    for (const HostMode& m : kHostModes)
        for (int i = 0; i < kRandomCases; ++i) {
            const Operands o = fma_operands(r);
            c.check(m.rm, {o.a, o.b, o.c}, host_fma_riscv(o.a, o.b, o.c, m.csr),
                    soft_fma(o.a, o.b, o.c, m.rm));
        }
}

TEST(SoftFloatVsHost, RandomSqrt) {
    Checker c("sqrt");
    Random r(0x5c7);
    for (const HostMode& m : kHostModes)
        for (int i = 0; i < kRandomCases; ++i) {
            const uint32_t a = sqrt_operand(r);
            c.check(m.rm, {a}, canonical(host_sqrt(float_of(a), m.csr)), soft_sqrt(a, m.rm));
        }
}

// sqrt depends only on the significand and the parity of the exponent: try all 2^24 pairs in
// round-to-nearest and upward. The reference needs no mode switching (it would dominate the run
// time): the double root, correctly rounded to 53 >= 2 * 24 + 2 bits, rounds correctly again to
// binary32 (Figueroa's double-rounding theorem), and r * r - a is exact in double, so its sign
// tells on which side of the true root r lies.
TEST(SoftFloatVsHost, SqrtOfEverySignificand) {
    Checker rne("sqrt"), rup("sqrt");
    for (uint32_t a = 0x3f800000; a < 0x40800000; ++a) {
        const uint32_t r = bits_of(float(std::sqrt(double_of(a))));
        const double excess = double_of(r) * double_of(r) - double_of(a);
        const uint8_t flags = excess == 0 ? 0 : NX;
        rne.check(Rounding::NearestEven, {a}, {r, flags}, soft_sqrt(a, Rounding::NearestEven));
        rup.check(Rounding::Up, {a}, {excess >= 0 ? r : r + 1, flags}, soft_sqrt(a, Rounding::Up));
    }
}

TEST(SoftFloatVsHost, RandomConversions) {
    Checker ti("to_i32"), tu("to_u32"), fi("from_i32"), fu("from_u32");
    Random r(0xc0);
    for (const HostMode& m : kHostModes)
        for (int i = 0; i < kRandomCases; ++i) {
            const uint32_t a = to_int_operand(r);
            ti.check(m.rm, {a}, host_to_int(a, m.csr, false), soft_to_int(a, m.rm, false));
            tu.check(m.rm, {a}, host_to_int(a, m.csr, true), soft_to_int(a, m.rm, true));
            const uint32_t v = from_int_operand(r);
            fi.check(m.rm, {v}, host_from_int(v, m.csr, false), soft_from_int(v, m.rm, false));
            fu.check(m.rm, {v}, host_from_int(v, m.csr, true), soft_from_int(v, m.rm, true));
        }
}

// =============================================================================================
// Round to nearest, ties to max magnitude: exact results in double, rounded independently.

constexpr Rounding RMM = Rounding::NearestMaxMagnitude;
constexpr uint32_t kRne = kHostModes[0].csr;

TEST(SoftFloatRmm, RandomBinaryOpsEqualRneOffTiesAndRoundTiesAway) {
    Random r(0x4e4e);
    for (const BinaryOp& op : kBinaryOps) {
        Checker c(op.name);
        const bool product = op.soft == sf::mul || op.soft == sf::div;
        int ties = 0;
        for (int i = 0; i < kRandomCases; ++i) {
            const Operands o = product ? product_operands(r, op.soft == sf::div) : sum_operands(r);
            bool tie;
            const Result want = rmm_reference(op.exact(double_of(o.a), double_of(o.b), kRne),
                                              op.host(float_of(o.a), float_of(o.b), kRne), tie);
            ties += tie;
            c.check(RMM, {o.a, o.b}, want, soft_binary(op, o.a, o.b, RMM));
        }
        // Quotients tie only in the subnormal range; sums and products tie often.
        if (op.soft != sf::div) {
            EXPECT_GT(ties, 1000) << op.name;
        }
    }
}

TEST(SoftFloatRmm, RandomFmaAndSqrt) {
    REQUIRE_HOST_FMA();
    Random r(0x4e50);
    Checker f("fma"), s("sqrt");
    int fma_ties = 0;
    for (int i = 0; i < kRandomCases; ++i) {
        const Operands o = fma_operands(r);
        bool tie;
        Result want =
            rmm_reference(host_fma_d(double_of(o.a), double_of(o.b), double_of(o.c), kRne),
                          host_fma(float_of(o.a), float_of(o.b), float_of(o.c), kRne), tie);
        if (zero_times_inf(o.a, o.b)) want.flags |= NV;
        fma_ties += tie;
        f.check(RMM, {o.a, o.b, o.c}, want, soft_fma(o.a, o.b, o.c, RMM));
        const uint32_t a = sqrt_operand(r);
        s.check(RMM, {a},
                rmm_reference(host_sqrt_d(double_of(a), kRne), host_sqrt(float_of(a), kRne), tie),
                soft_sqrt(a, RMM));
    }
    EXPECT_GT(fma_ties, 1000);
}

TEST(SoftFloatRmm, RandomConversions) {
    Random r(0x4e4f);
    Checker ti("to_i32"), tu("to_u32"), fi("from_i32"), fu("from_u32");
    int ties = 0;
    for (int i = 0; i < kRandomCases; ++i) {
        const uint32_t a = to_int_operand(r);
        bool tie;
        ti.check(RMM, {a}, rmm_to_int(a, false, tie), soft_to_int(a, RMM, false));
        tu.check(RMM, {a}, rmm_to_int(a, true, tie), soft_to_int(a, RMM, true));
        ties += tie;
        const uint32_t v = from_int_operand(r);
        fi.check(RMM, {v}, round_rmm(double(int32_t(v)), tie), soft_from_int(v, RMM, false));
        ties += tie;
        fu.check(RMM, {v}, round_rmm(double(v), tie), soft_from_int(v, RMM, true));
        ties += tie;
    }
    EXPECT_GT(ties, 10000);
}

// One operation on fixed operands, in the rounding mode given.
using Op = std::function<Result(Rounding)>;
Op binary_op(uint32_t (*f)(uint32_t, uint32_t, Rounding, uint8_t&), uint32_t a, uint32_t b) {
    return [=](Rounding rm) { return soft([&](uint8_t& fl) { return f(a, b, rm, fl); }); };
}
Op fma_op(uint32_t a, uint32_t b, uint32_t c) {
    return [=](Rounding rm) { return soft_fma(a, b, c, rm); };
}
Op from_int_op(uint32_t v, bool is_unsigned) {
    return [=](Rounding rm) { return soft_from_int(v, rm, is_unsigned); };
}
Op to_int_op(uint32_t a, bool is_unsigned) {
    return [=](Rounding rm) { return soft_to_int(a, rm, is_unsigned); };
}

TEST(SoftFloatRmm, HandWorkedTies) {
    struct Case {
        const char* what;
        Op op;
        Result rmm, rne;
    };
    const Case cases[] = {
        {"1 + 2^-24: halfway between 1 and 1 + 2^-23",
         binary_op(sf::add, 0x3f800000, 0x33800000),
         {0x3f800001, NX},
         {0x3f800000, NX}},
        {"-1 - 2^-24",
         binary_op(sf::add, 0xbf800000, 0xb3800000),
         {0xbf800001, NX},
         {0xbf800000, NX}},
        {"1 + 3 * 2^-24: both away, RNE to even",
         binary_op(sf::add, 0x3f800001, 0x33800000),
         {0x3f800002, NX},
         {0x3f800002, NX}},
        {"fma 1 * 1 + 2^-24",
         fma_op(0x3f800000, 0x3f800000, 0x33800000),
         {0x3f800001, NX},
         {0x3f800000, NX}},
        // Subnormal ties are tiny and inexact: UF.
        {"2^-150",
         binary_op(sf::mul, 0x00000001, 0x3f000000),
         {0x00000001, UF | NX},
         {0x00000000, UF | NX}},
        {"-2^-150",
         binary_op(sf::mul, 0x80000001, 0x3f000000),
         {0x80000001, UF | NX},
         {0x80000000, UF | NX}},
        {"2.5 * 2^-149",
         binary_op(sf::mul, 0x00000005, 0x3f000000),
         {0x00000003, UF | NX},
         {0x00000002, UF | NX}},
        {"1.5 * 2^-149",
         binary_op(sf::mul, 0x00000003, 0x3f000000),
         {0x00000002, UF | NX},
         {0x00000002, UF | NX}},
        {"2^-149 / 2",
         binary_op(sf::div, 0x00000001, 0x40000000),
         {0x00000001, UF | NX},
         {0x00000000, UF | NX}},
        // A tie at subnormal precision that rounds to the smallest normal, yet is tiny: with an
        // unbounded exponent it is exact and below 2^-126.
        {"2^-126 - 2^-150",
         binary_op(sf::mul, 0x3fffffff, 0x00400000),
         {0x00800000, UF | NX},
         {0x00800000, UF | NX}},
        {"max + ulp/2 overflows",
         binary_op(sf::add, kMax, 0x73000000),
         {kInf, OF | NX},
         {kInf, OF | NX}},
        {"-max - ulp/2 overflows",
         binary_op(sf::add, kMax | kNeg, 0xf3000000),
         {kNegInf, OF | NX},
         {kNegInf, OF | NX}},
        {"(max - ulp) + ulp/2",
         binary_op(sf::add, 0x7f7ffffe, 0x73000000),
         {kMax, NX},
         {0x7f7ffffe, NX}},
        {"from 2^24 + 1", from_int_op(16777217, false), {0x4b800001, NX}, {0x4b800000, NX}},
        {"from -2^24 - 1",
         from_int_op(uint32_t(-16777217), false),
         {0xcb800001, NX},
         {0xcb800000, NX}},
        {"from 2^32 - 384", from_int_op(0xfffffe80, true), {0x4f7fffff, NX}, {0x4f7ffffe, NX}},
        {"from 2^32 - 128", from_int_op(0xffffff80, true), {0x4f800000, NX}, {0x4f800000, NX}},
        {"2.5 to int", to_int_op(0x40200000, false), {3, NX}, {2, NX}},
        {"-2.5 to int", to_int_op(0xc0200000, false), {uint32_t(-3), NX}, {uint32_t(-2), NX}},
        {"-0.5 to int", to_int_op(0xbf000000, false), {uint32_t(-1), NX}, {0, NX}},
        {"-0.5 to unsigned: -1 is invalid", to_int_op(0xbf000000, true), {0, NV}, {0, NX}},
        {"0.5 to unsigned", to_int_op(0x3f000000, true), {1, NX}, {0, NX}},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(c.op(RMM), c.rmm) << c.what;
        EXPECT_EQ(c.op(Rounding::NearestEven), c.rne) << c.what;
    }
}

// =============================================================================================
// RISC-V rules by hand, in every rounding mode where the mode matters.

TEST(SoftFloatRules, NaNsAreCanonicalAndOnlySignalingOnesRaiseInvalid) {
    const uint32_t qnan_payload = 0xffc12345, snan = 0x7f800001, nsnan = 0xffa00000;
    for (Rounding rm : kAllModes) {
        for (const BinaryOp& op : kBinaryOps) {
            EXPECT_EQ(soft_binary(op, qnan_payload, 0x3f800000, rm), (Result{kQNaN, 0})) << op.name;
            EXPECT_EQ(soft_binary(op, 0x3f800000, snan, rm), (Result{kQNaN, NV})) << op.name;
            EXPECT_EQ(soft_binary(op, nsnan, qnan_payload, rm), (Result{kQNaN, NV})) << op.name;
        }
        EXPECT_EQ(soft_sqrt(qnan_payload, rm), (Result{kQNaN, 0}));
        EXPECT_EQ(soft_sqrt(snan, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_fma(0x3f800000, 0x3f800000, qnan_payload, rm), (Result{kQNaN, 0}));
        EXPECT_EQ(soft_fma(snan, 0x3f800000, 0x3f800000, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_fma(qnan_payload, 0, kInf, rm), (Result{kQNaN, 0}));
    }
}

TEST(SoftFloatRules, InvalidOperationsAndDivideByZero) {
    for (Rounding rm : kAllModes) {
        EXPECT_EQ(soft_add(kInf, kNegInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_sub(kInf, kInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_mul(0, kNegInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_div(0, kNeg, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_div(kNegInf, kInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_div(0x00000001, kNeg, rm), (Result{kNegInf, DZ}));
        EXPECT_EQ(soft_div(kInf, 0, rm), (Result{kInf, 0}));  // inf / 0 is exact
        EXPECT_EQ(soft_div(0x3f800000, kNegInf, rm), (Result{kNeg, 0}));
        EXPECT_EQ(soft_sqrt(kNeg, rm), (Result{kNeg, 0}));  // sqrt(-0) = -0
        EXPECT_EQ(soft_sqrt(0x80000001, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_sqrt(kNegInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_sqrt(kInf, rm), (Result{kInf, 0}));
        // fma: 0 * inf is invalid even when the addend is a quiet NaN.
        EXPECT_EQ(soft_fma(0, kInf, kQNaN, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_fma(kNegInf, kNeg, 0x7fc00001, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_fma(kInf, 0x3f800000, kNegInf, rm), (Result{kQNaN, NV}));
        EXPECT_EQ(soft_fma(kInf, 0xbf800000, kNegInf, rm), (Result{kNegInf, 0}));
        EXPECT_EQ(soft_fma(kMax, kMax, kNegInf, rm), (Result{kNegInf, 0}));  // no overflow first
    }
}

TEST(SoftFloatRules, SignOfExactZero) {
    for (Rounding rm : kAllModes) {
        const uint32_t cancel = rm == Rounding::Down ? kNeg : 0;
        EXPECT_EQ(soft_add(0x3f800000, 0xbf800000, rm), (Result{cancel, 0}));
        EXPECT_EQ(soft_sub(0x00000001, 0x00000001, rm), (Result{cancel, 0}));
        EXPECT_EQ(soft_add(0, kNeg, rm), (Result{cancel, 0}));
        EXPECT_EQ(soft_add(kNeg, kNeg, rm), (Result{kNeg, 0}));
        EXPECT_EQ(soft_sub(kNeg, 0, rm), (Result{kNeg, 0}));
        EXPECT_EQ(soft_fma(0x3f800000, 0x3f800000, 0xbf800000, rm), (Result{cancel, 0}));
        EXPECT_EQ(soft_fma(0, 0x3f800000, kNeg, rm), (Result{cancel, 0}));
        EXPECT_EQ(soft_fma(kNeg, 0x3f800000, kNeg, rm), (Result{kNeg, 0}));
        EXPECT_EQ(soft_fma(kNeg, kNeg, 0, rm), (Result{0, 0}));
        EXPECT_EQ(soft_mul(kNeg, 0x3f800000, rm), (Result{kNeg, 0}));
    }
}

TEST(SoftFloatRules, OverflowAndUnderflowPerMode) {
    struct Row {
        Rounding rm;
        uint32_t pos_overflow, neg_overflow, pos_tiny, neg_tiny;
    };
    const Row rows[] = {
        {Rounding::NearestEven, kInf, kNegInf, 0, kNeg},
        {Rounding::TowardZero, kMax, kMax | kNeg, 0, kNeg},
        {Rounding::Down, kMax, kNegInf, 0, 0x80000001},
        {Rounding::Up, kInf, kMax | kNeg, 1, kNeg},
        {Rounding::NearestMaxMagnitude, kInf, kNegInf, 0, kNeg},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(name_of(row.rm));
        EXPECT_EQ(soft_mul(kMax, 0x40000000, row.rm), (Result{row.pos_overflow, OF | NX}));
        EXPECT_EQ(soft_mul(kMax, 0xc0000000, row.rm), (Result{row.neg_overflow, OF | NX}));
        // 2^-149 * 2^-3 is far below half the smallest subnormal.
        EXPECT_EQ(soft_mul(0x00000001, 0x3e000000, row.rm), (Result{row.pos_tiny, UF | NX}));
        EXPECT_EQ(soft_mul(0x80000001, 0x3e000000, row.rm), (Result{row.neg_tiny, UF | NX}));
        // Exact subnormal results raise nothing.
        EXPECT_EQ(soft_sub(0x00800000, 0x00000001, row.rm), (Result{0x007fffff, 0}));
        EXPECT_EQ(soft_mul(0x0d800000, 0x30800000, row.rm), (Result{0x00080000, 0}));
    }
    // Below 2^-126 before rounding but not after: inexact only (tininess after rounding).
    EXPECT_EQ(soft_mul(0x3f7ff800, 0x00800400, Rounding::NearestEven), (Result{0x00800000, NX}));
    EXPECT_EQ(soft_mul(0x3f7ff800, 0x00800400, Rounding::TowardZero),
              (Result{0x007fffff, UF | NX}));
}

std::array<Result, 5> in_every_mode(Result r) { return {r, r, r, r, r}; }

TEST(SoftFloatRules, ConversionEdgesInEveryMode) {
    struct Row {
        uint32_t a;
        bool is_unsigned;
        std::array<Result, 5> want;  // RNE RTZ RDN RUP RMM
    };
    const uint32_t IMAX = 0x7fffffff, IMIN = 0x80000000, UMAX = 0xffffffff;
    const uint32_t M1 = uint32_t(-1), M2 = uint32_t(-2);
    const Row rows[] = {
        {kQNaN, false, in_every_mode({IMAX, NV})},
        {0xff800001, false, in_every_mode({IMAX, NV})},  // any NaN, whatever its sign
        {kInf, false, in_every_mode({IMAX, NV})},
        {kNegInf, false, in_every_mode({IMIN, NV})},
        {0x4f000000, false, in_every_mode({IMAX, NV})},  // 2^31
        {0xcf000000, false, in_every_mode({IMIN, 0})},   // -2^31
        {0xcf000001, false, in_every_mode({IMIN, NV})},
        {0x4effffff, false, in_every_mode({0x7fffff80, 0})},
        {kNeg, false, in_every_mode({0, 0})},
        {0x00000001, false, {{{0, NX}, {0, NX}, {0, NX}, {1, NX}, {0, NX}}}},
        {0x80000001, false, {{{0, NX}, {0, NX}, {M1, NX}, {0, NX}, {0, NX}}}},
        {0xbfc00000, false, {{{M2, NX}, {M1, NX}, {M2, NX}, {M1, NX}, {M2, NX}}}},  // -1.5
        {kQNaN, true, in_every_mode({UMAX, NV})},
        {0xffc00000, true, in_every_mode({UMAX, NV})},
        {kInf, true, in_every_mode({UMAX, NV})},
        {kNegInf, true, in_every_mode({0, NV})},
        {0x4f800000, true, in_every_mode({UMAX, NV})},  // 2^32
        {0x4f7fffff, true, in_every_mode({0xffffff00, 0})},
        {0xbf800000, true, in_every_mode({0, NV})},                           // -1
        {0xbecccccd, true, {{{0, NX}, {0, NX}, {0, NV}, {0, NX}, {0, NX}}}},  // -0.4
        {0xbf19999a, true, {{{0, NV}, {0, NX}, {0, NV}, {0, NX}, {0, NV}}}},  // -0.6
        {kNeg, true, in_every_mode({0, 0})},
        {0x3f99999a, true, {{{1, NX}, {1, NX}, {1, NX}, {2, NX}, {1, NX}}}},  // 1.2
    };
    for (const Row& row : rows)
        for (int i = 0; i < 5; ++i)
            EXPECT_EQ(soft_to_int(row.a, kAllModes[i], row.is_unsigned), row.want[i])
                << std::hex << row.a << (row.is_unsigned ? " wu " : " w ") << name_of(kAllModes[i]);
    for (Rounding rm : kAllModes) {
        EXPECT_EQ(soft_from_int(0, rm, false), (Result{0, 0}));
        EXPECT_EQ(soft_from_int(0x80000000, rm, false), (Result{0xcf000000, 0}));
        EXPECT_EQ(soft_from_int(0xffffffff, rm, false), (Result{0xbf800000, 0}));
        EXPECT_EQ(soft_from_int(0xffffffff, rm, true).flags, NX);
        EXPECT_EQ(soft_from_int(0x00ffffff, rm, true), (Result{0x4b7fffff, 0}));
    }
}

TEST(SoftFloatRules, MinMax) {
    const uint32_t one = 0x3f800000, two = 0x40000000, snan = 0x7f800001, qnan = 0xffc00123;
    struct Case {
        uint32_t a, b, min, max;
        uint8_t flags;
    };
    const Case cases[] = {
        {one, two, one, two, 0},
        {two | kNeg, one, two | kNeg, one, 0},
        {kNeg, 0, kNeg, 0, 0},  // -0 < +0
        {0, kNeg, kNeg, 0, 0},
        {kNegInf, kInf, kNegInf, kInf, 0},
        {0x00000001, 0x80000001, 0x80000001, 0x00000001, 0},
        {qnan, one, one, one, 0},  // a quiet NaN yields the other operand
        {one, qnan, one, one, 0},
        {snan, one, one, one, NV},  // so does a signaling one, raising NV
        {kNeg, snan, kNeg, kNeg, NV},
        {qnan, qnan, kQNaN, kQNaN, 0},  // two NaNs: the canonical NaN
        {snan, qnan, kQNaN, kQNaN, NV},
    };
    for (const Case& c : cases) {
        uint8_t f_min = 0, f_max = 0;
        EXPECT_EQ(sf::min(c.a, c.b, f_min), c.min) << std::hex << c.a << " " << c.b;
        EXPECT_EQ(sf::max(c.a, c.b, f_max), c.max) << std::hex << c.a << " " << c.b;
        EXPECT_EQ(f_min, c.flags);
        EXPECT_EQ(f_max, c.flags);
    }
}

TEST(SoftFloatRules, Comparisons) {
    const uint32_t one = 0x3f800000, snan = 0xff800001, qnan = 0x7fc00000;
    struct Case {
        uint32_t a, b;
        bool eq, lt, le;
        uint8_t eq_flags, ordered_flags;
    };
    const Case cases[] = {
        {one, one, true, false, true, 0, 0},
        {0, kNeg, true, false, true, 0, 0},  // +0 == -0
        {kNeg, 0, true, false, true, 0, 0},
        {0x80000001, 0, false, true, true, 0, 0},
        {one | kNeg, 0x00000001, false, true, true, 0, 0},
        {kInf, kMax, false, false, false, 0, 0},
        {kNegInf, kMax | kNeg, false, true, true, 0, 0},
        {0xc0000000, 0xbf800000, false, true, true, 0, 0},
        {qnan, one, false, false, false, 0, NV},  // feq is quiet, flt/fle signal
        {one, qnan, false, false, false, 0, NV},
        {qnan, qnan, false, false, false, 0, NV},
        {snan, one, false, false, false, NV, NV},
        {one, snan, false, false, false, NV, NV},
    };
    for (const Case& c : cases) {
        uint8_t fe = 0, fl = 0, fle = 0;
        EXPECT_EQ(sf::eq(c.a, c.b, fe), c.eq) << std::hex << c.a << " " << c.b;
        EXPECT_EQ(sf::lt(c.a, c.b, fl), c.lt) << std::hex << c.a << " " << c.b;
        EXPECT_EQ(sf::le(c.a, c.b, fle), c.le) << std::hex << c.a << " " << c.b;
        EXPECT_EQ(fe, c.eq_flags);
        EXPECT_EQ(fl, c.ordered_flags);
        EXPECT_EQ(fle, c.ordered_flags);
    }
}

TEST(SoftFloatRules, Classify) {
    const std::pair<uint32_t, int> cases[] = {
        {kNegInf, 0},    {0xbf800000, 1}, {0x80800000, 1}, {0xff7fffff, 1}, {0x80000001, 2},
        {0x807fffff, 2}, {kNeg, 3},       {0, 4},          {0x00000001, 5}, {0x007fffff, 5},
        {0x00800000, 6}, {kMax, 6},       {kInf, 7},       {0x7f800001, 8}, {0xffbfffff, 8},
        {0x7fc00000, 9}, {0xffffffff, 9},
    };
    for (const auto& [a, bit] : cases) EXPECT_EQ(sf::classify(a), 1u << bit) << std::hex << a;
}

}  // namespace
