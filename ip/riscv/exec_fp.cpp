// RV32F instruction handlers. Arithmetic is bit-exact IEEE 754 through ip/riscv/softfloat.h;
// this file adds the RISC-V rules around it: mstatus.FS gating (FS = Off makes every F
// instruction illegal, any F write marks FS Dirty), static and dynamic rounding modes
// (reserved modes are illegal when the instruction executes), and fflags accrual.
#include "ip/riscv/exec.h"
#include "ip/riscv/hart.h"
#include "ip/riscv/softfloat.h"

namespace accelvp::rv::exec {

#define OP(name) void name(Hart& h, const DecodedInsn& d)
#define NEXT h.pc += d.len

namespace {
constexpr uint32_t kFsShift = 13, kFsMask = 3u << kFsShift, kFsDirty = 3u << kFsShift;
constexpr uint32_t kSign = 0x80000000u;
constexpr uint8_t kDynamicRounding = 7;

inline bool fp_enabled(Hart& h, const DecodedInsn& d) {
    if (ACCELVP_LIKELY(h.mstatus & kFsMask)) return true;
    h.illegal(d);
    return false;
}

inline bool rounding(Hart& h, const DecodedInsn& d, sf::Rounding& rm) {
    unsigned mode = d.rm == kDynamicRounding ? h.frm : d.rm;
    if (mode > 4) {
        h.illegal(d);
        return false;
    }
    rm = static_cast<sf::Rounding>(mode);
    return true;
}

inline void write_f(Hart& h, const DecodedInsn& d, uint32_t value, uint8_t flags) {
    h.f[d.rd] = value;
    h.fflags |= flags;
    h.mstatus |= kFsDirty;
    NEXT;
}

inline void write_x(Hart& h, const DecodedInsn& d, uint32_t value, uint8_t flags) {
    h.x[d.rd] = value;
    if (flags) {
        h.fflags |= flags;
        h.mstatus |= kFsDirty;
    }
    NEXT;
}

template <typename Fn>
inline void binary(Hart& h, const DecodedInsn& d, Fn fn) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = fn(h.f[d.rs1], h.f[d.rs2], rm, flags);
    write_f(h, d, result, flags);
}

// Fused multiply-add family: a·b + c with the signs of the product and the addend flipped.
inline void fused(Hart& h, const DecodedInsn& d, uint32_t negate_product, uint32_t negate_addend) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = sf::fma(h.f[d.rs1] ^ negate_product, h.f[d.rs2], h.f[d.rs3] ^ negate_addend,
                              rm, flags);
    write_f(h, d, result, flags);
}
}  // namespace

OP(flw) {
    if (!fp_enabled(h, d)) return;
    uint32_t value;
    if (!h.load(h.x[d.rs1] + uint32_t(d.imm), value)) return;
    write_f(h, d, value, 0);
}
OP(fsw) {
    if (!fp_enabled(h, d)) return;
    if (h.store(h.x[d.rs1] + uint32_t(d.imm), h.f[d.rs2])) NEXT;
}

OP(fmadd_s) { fused(h, d, 0, 0); }
OP(fmsub_s) { fused(h, d, 0, kSign); }
OP(fnmsub_s) { fused(h, d, kSign, 0); }
OP(fnmadd_s) { fused(h, d, kSign, kSign); }
OP(fadd_s) { binary(h, d, sf::add); }
OP(fsub_s) { binary(h, d, sf::sub); }
OP(fmul_s) { binary(h, d, sf::mul); }
OP(fdiv_s) { binary(h, d, sf::div); }
OP(fsqrt_s) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = sf::sqrt(h.f[d.rs1], rm, flags);
    write_f(h, d, result, flags);
}

OP(fsgnj_s) {
    if (fp_enabled(h, d)) write_f(h, d, (h.f[d.rs1] & ~kSign) | (h.f[d.rs2] & kSign), 0);
}
OP(fsgnjn_s) {
    if (fp_enabled(h, d)) write_f(h, d, (h.f[d.rs1] & ~kSign) | (~h.f[d.rs2] & kSign), 0);
}
OP(fsgnjx_s) {
    if (fp_enabled(h, d)) write_f(h, d, h.f[d.rs1] ^ (h.f[d.rs2] & kSign), 0);
}
OP(fmin_s) {
    if (!fp_enabled(h, d)) return;
    uint8_t flags = 0;
    uint32_t result = sf::min(h.f[d.rs1], h.f[d.rs2], flags);
    write_f(h, d, result, flags);
}
OP(fmax_s) {
    if (!fp_enabled(h, d)) return;
    uint8_t flags = 0;
    uint32_t result = sf::max(h.f[d.rs1], h.f[d.rs2], flags);
    write_f(h, d, result, flags);
}

OP(fcvt_w_s) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = uint32_t(sf::to_i32(h.f[d.rs1], rm, flags));
    write_x(h, d, result, flags);
}
OP(fcvt_wu_s) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = sf::to_u32(h.f[d.rs1], rm, flags);
    write_x(h, d, result, flags);
}
OP(fcvt_s_w) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = sf::from_i32(int32_t(h.x[d.rs1]), rm, flags);
    write_f(h, d, result, flags);
}
OP(fcvt_s_wu) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return;
    uint8_t flags = 0;
    uint32_t result = sf::from_u32(h.x[d.rs1], rm, flags);
    write_f(h, d, result, flags);
}
OP(fmv_x_w) {
    if (fp_enabled(h, d)) write_x(h, d, h.f[d.rs1], 0);
}
OP(fmv_w_x) {
    if (fp_enabled(h, d)) write_f(h, d, h.x[d.rs1], 0);
}

template <typename Fn>
static inline void compare(Hart& h, const DecodedInsn& d, Fn fn) {
    if (!fp_enabled(h, d)) return;
    uint8_t flags = 0;
    bool result = fn(h.f[d.rs1], h.f[d.rs2], flags);
    write_x(h, d, result, flags);
}
OP(feq_s) { compare(h, d, sf::eq); }
OP(flt_s) { compare(h, d, sf::lt); }
OP(fle_s) { compare(h, d, sf::le); }
OP(fclass_s) {
    if (fp_enabled(h, d)) write_x(h, d, sf::classify(h.f[d.rs1]), 0);
}

}  // namespace accelvp::rv::exec
