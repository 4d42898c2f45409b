// IEEE 754 binary32 arithmetic in integer code, bit-exact to the RISC-V F extension: the
// datapath of the RV32F instructions. Values are raw uint32_t bit patterns; every function
// ORs the exception flags it raises into `flags` (fcsr.fflags layout) and never clears them.
// RISC-V choices, where IEEE 754 leaves freedom:
//  - a NaN result is always the canonical NaN 0x7fc00000; NaN payloads never propagate;
//  - tininess is detected after rounding; UF is raised only when the result is tiny and inexact;
//  - fma raises NV for 0 x inf even when the addend is a quiet NaN;
//  - fmin/fmax follow the 2.2 spec (IEEE 754-2019 minimumNumber/maximumNumber), -0 < +0;
//  - float-to-integer conversions saturate (NaN counts as +inf) and raise NV, not NX.
// `rm` must be a static rounding mode (0..4): the decoder resolves DYN and rejects 5..7.
#pragma once

#include <cstdint>

namespace accelvp::sf {

// Encoded as the instruction rm field and fcsr.frm.
enum class Rounding : uint8_t {
    NearestEven = 0,
    TowardZero = 1,
    Down = 2,
    Up = 3,
    NearestMaxMagnitude = 4
};

// fcsr.fflags bits.
namespace flag {
constexpr uint8_t NX = 1;   // inexact
constexpr uint8_t UF = 2;   // underflow
constexpr uint8_t OF = 4;   // overflow
constexpr uint8_t DZ = 8;   // divide by zero
constexpr uint8_t NV = 16;  // invalid operation
}  // namespace flag

constexpr uint32_t kCanonicalNaN = 0x7fc00000;

uint32_t add(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags);
uint32_t sub(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags);
uint32_t mul(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags);
uint32_t div(uint32_t a, uint32_t b, Rounding rm, uint8_t& flags);
uint32_t sqrt(uint32_t a, Rounding rm, uint8_t& flags);
// a * b + c with a single rounding (fmadd.s; the other three fused forms flip signs first).
uint32_t fma(uint32_t a, uint32_t b, uint32_t c, Rounding rm, uint8_t& flags);

// fmin.s / fmax.s: a NaN operand yields the other operand, two NaNs the canonical NaN;
// NV only for a signaling NaN.
uint32_t min(uint32_t a, uint32_t b, uint8_t& flags);
uint32_t max(uint32_t a, uint32_t b, uint8_t& flags);

// feq.s is a quiet comparison (NV only for a signaling NaN); flt.s and fle.s are signaling
// (NV for any NaN). Any NaN operand makes the result false.
bool eq(uint32_t a, uint32_t b, uint8_t& flags);
bool lt(uint32_t a, uint32_t b, uint8_t& flags);
bool le(uint32_t a, uint32_t b, uint8_t& flags);

// fclass.s: bit 0 -inf, 1 negative normal, 2 negative subnormal, 3 -0, 4 +0,
// 5 positive subnormal, 6 positive normal, 7 +inf, 8 signaling NaN, 9 quiet NaN.
uint32_t classify(uint32_t a);

// fcvt.w.s / fcvt.wu.s: out-of-range inputs saturate with NV (NaN as +inf); a negative input
// that rounds to 0 converts to 0 with only NX.
int32_t to_i32(uint32_t a, Rounding rm, uint8_t& flags);
uint32_t to_u32(uint32_t a, Rounding rm, uint8_t& flags);
// fcvt.s.w / fcvt.s.wu: may raise NX only.
uint32_t from_i32(int32_t v, Rounding rm, uint8_t& flags);
uint32_t from_u32(uint32_t v, Rounding rm, uint8_t& flags);

}  // namespace accelvp::sf
