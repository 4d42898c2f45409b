// RV32F instruction handlers. Arithmetic is bit-exact IEEE 754 through ip/riscv/softfloat.h;
// this file adds the RISC-V rules around it: mstatus.FS gating (FS = Off makes every F
// instruction illegal, any F write marks FS Dirty), static and dynamic rounding modes
// (reserved modes are illegal when the instruction executes), and fflags accrual.
#include "ip/riscv/exec.h"
#include "ip/riscv/hart.h"
#include "ip/riscv/softfloat.h"

namespace accelvp::rv::exec {

#define OP(name) uint32_t name(Hart& h, const DecodedInsn& d, uint32_t pc)
#define NEXT return pc + d.len

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

inline uint32_t write_f(Hart& h, const DecodedInsn& d, uint32_t pc, uint32_t value, uint8_t flags) {
    h.f[d.rd] = value;
    h.fflags |= flags;
    h.mstatus |= kFsDirty;
    NEXT;
}

inline uint32_t write_x(Hart& h, const DecodedInsn& d, uint32_t pc, uint32_t value, uint8_t flags) {
    h.x[d.rd] = value;
    if (flags) {
        h.fflags |= flags;
        h.mstatus |= kFsDirty;
    }
    NEXT;
}

template <typename Fn>
inline uint32_t binary(Hart& h, const DecodedInsn& d, uint32_t pc, Fn fn) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return h.pc;
    uint8_t flags = 0;
    uint32_t result = fn(h.f[d.rs1], h.f[d.rs2], rm, flags);
    return write_f(h, d, pc, result, flags);
}

// Fused multiply-add family: a·b + c with the signs of the product and the addend flipped.
inline uint32_t fused(Hart& h, const DecodedInsn& d, uint32_t pc, uint32_t negate_product,
                      uint32_t negate_addend) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return h.pc;
    uint8_t flags = 0;
    uint32_t result =
        sf::fma(h.f[d.rs1] ^ negate_product, h.f[d.rs2], h.f[d.rs3] ^ negate_addend, rm, flags);
    return write_f(h, d, pc, result, flags);
}
}  // namespace

OP(flw) {
    if (!fp_enabled(h, d)) return h.pc;
    uint32_t value;
    if (!h.load(h.x[d.rs1] + uint32_t(d.imm), value)) return h.pc;
    return write_f(h, d, pc, value, 0);
}
OP(fsw) {
    if (!fp_enabled(h, d)) return h.pc;
    if (h.store(h.x[d.rs1] + uint32_t(d.imm), h.f[d.rs2])) NEXT;
    return h.pc;
}

OP(fmadd_s) {
    return fused(h, d, pc, 0, 0);
}
OP(fmsub_s) {
    return fused(h, d, pc, 0, kSign);
}
OP(fnmsub_s) {
    return fused(h, d, pc, kSign, 0);
}
OP(fnmadd_s) {
    return fused(h, d, pc, kSign, kSign);
}
OP(fadd_s) {
    return binary(h, d, pc, sf::add);
}
OP(fsub_s) {
    return binary(h, d, pc, sf::sub);
}
OP(fmul_s) {
    return binary(h, d, pc, sf::mul);
}
OP(fdiv_s) {
    return binary(h, d, pc, sf::div);
}
OP(fsqrt_s) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return h.pc;
    uint8_t flags = 0;
    uint32_t result = sf::sqrt(h.f[d.rs1], rm, flags);
    return write_f(h, d, pc, result, flags);
}

OP(fsgnj_s) {
    return fp_enabled(h, d) ? write_f(h, d, pc, (h.f[d.rs1] & ~kSign) | (h.f[d.rs2] & kSign), 0)
                            : h.pc;
}
OP(fsgnjn_s) {
    return fp_enabled(h, d) ? write_f(h, d, pc, (h.f[d.rs1] & ~kSign) | (~h.f[d.rs2] & kSign), 0)
                            : h.pc;
}
OP(fsgnjx_s) {
    return fp_enabled(h, d) ? write_f(h, d, pc, h.f[d.rs1] ^ (h.f[d.rs2] & kSign), 0) : h.pc;
}
OP(fmin_s) {
    if (!fp_enabled(h, d)) return h.pc;
    uint8_t flags = 0;
    uint32_t result = sf::min(h.f[d.rs1], h.f[d.rs2], flags);
    return write_f(h, d, pc, result, flags);
}
OP(fmax_s) {
    if (!fp_enabled(h, d)) return h.pc;
    uint8_t flags = 0;
    uint32_t result = sf::max(h.f[d.rs1], h.f[d.rs2], flags);
    return write_f(h, d, pc, result, flags);
}

// Conversions between integer and single: `fn` maps the source register's bits to the result.
template <typename Fn, typename Write>
static inline uint32_t convert(Hart& h, const DecodedInsn& d, uint32_t pc, uint32_t source, Fn fn,
                               Write write) {
    sf::Rounding rm;
    if (!fp_enabled(h, d) || !rounding(h, d, rm)) return h.pc;
    uint8_t flags = 0;
    uint32_t result = fn(source, rm, flags);
    return write(h, d, pc, result, flags);
}
OP(fcvt_w_s) {
    auto to_i32 = [](uint32_t a, sf::Rounding rm, uint8_t& fl) {
        return uint32_t(sf::to_i32(a, rm, fl));
    };
    return convert(h, d, pc, h.f[d.rs1], to_i32, write_x);
}
OP(fcvt_wu_s) {
    return convert(h, d, pc, h.f[d.rs1], sf::to_u32, write_x);
}
OP(fcvt_s_w) {
    auto from_i32 = [](uint32_t a, sf::Rounding rm, uint8_t& fl) {
        return sf::from_i32(int32_t(a), rm, fl);
    };
    return convert(h, d, pc, h.x[d.rs1], from_i32, write_f);
}
OP(fcvt_s_wu) {
    return convert(h, d, pc, h.x[d.rs1], sf::from_u32, write_f);
}
OP(fmv_x_w) {
    return fp_enabled(h, d) ? write_x(h, d, pc, h.f[d.rs1], 0) : h.pc;
}
OP(fmv_w_x) {
    return fp_enabled(h, d) ? write_f(h, d, pc, h.x[d.rs1], 0) : h.pc;
}

template <typename Fn>
static inline uint32_t compare(Hart& h, const DecodedInsn& d, uint32_t pc, Fn fn) {
    if (!fp_enabled(h, d)) return h.pc;
    uint8_t flags = 0;
    bool result = fn(h.f[d.rs1], h.f[d.rs2], flags);
    return write_x(h, d, pc, result, flags);
}
OP(feq_s) {
    return compare(h, d, pc, sf::eq);
}
OP(flt_s) {
    return compare(h, d, pc, sf::lt);
}
OP(fle_s) {
    return compare(h, d, pc, sf::le);
}
OP(fclass_s) {
    return fp_enabled(h, d) ? write_x(h, d, pc, sf::classify(h.f[d.rs1]), 0) : h.pc;
}

}  // namespace accelvp::rv::exec
