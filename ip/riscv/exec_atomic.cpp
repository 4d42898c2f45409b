// RV32A instruction handlers (the integer instructions run inline in interpreter.cpp).
#include "ip/riscv/exec.h"
#include "ip/riscv/hart.h"

namespace accelvp::rv::exec {

#define OP(name) uint32_t name(Hart& h, const DecodedInsn& d, uint32_t pc)
#define RS1 h.x[d.rs1]
#define RS2 h.x[d.rs2]
#define NEXT return pc + d.len

// LR/SC and AMOs require natural alignment: misaligned ones raise address-misaligned
// (load-misaligned for LR, store/AMO-misaligned otherwise); AMO access faults are store faults.
OP(lr_w) {
    uint32_t addr = RS1, value;
    if (addr & 3) return h.raise(cause::kLoadMisaligned, addr);
    if (!h.load_word(addr, value, cause::kLoadAccessFault)) return h.pc;
    h.reservation_valid = true;
    h.reservation_addr = addr;
    h.x[d.rd] = value;
    NEXT;
}
OP(sc_w) {
    uint32_t addr = RS1;
    if (addr & 3) return h.raise(cause::kStoreMisaligned, addr);
    bool success = h.reservation_valid && h.reservation_addr == addr;
    h.reservation_valid = false;
    if (success && !h.store_word(addr, RS2, cause::kStoreAccessFault)) return h.pc;
    h.x[d.rd] = success ? 0 : 1;
    NEXT;
}

template <typename Fn>
static inline uint32_t amo(Hart& h, const DecodedInsn& d, uint32_t pc, Fn fn) {
    uint32_t addr = RS1, old;
    if (addr & 3) return h.raise(cause::kStoreMisaligned, addr);
    if (!h.load_word(addr, old, cause::kStoreAccessFault)) return h.pc;
    if (!h.store_word(addr, fn(old, RS2), cause::kStoreAccessFault)) return h.pc;
    h.x[d.rd] = old;
    NEXT;
}
OP(amoswap_w) {
    return amo(h, d, pc, [](uint32_t, uint32_t b) { return b; });
}
OP(amoadd_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a + b; });
}
OP(amoxor_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a ^ b; });
}
OP(amoand_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a & b; });
}
OP(amoor_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a | b; });
}
OP(amomin_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return int32_t(a) < int32_t(b) ? a : b; });
}
OP(amomax_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return int32_t(a) > int32_t(b) ? a : b; });
}
OP(amominu_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a < b ? a : b; });
}
OP(amomaxu_w) {
    return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a > b ? a : b; });
}

}  // namespace accelvp::rv::exec
