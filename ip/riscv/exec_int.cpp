// RV32I, M and A instruction handlers.
#include <climits>

#include "ip/riscv/exec.h"
#include "ip/riscv/hart.h"

namespace accelvp::rv::exec {

#define OP(name) uint32_t name(Hart& h, const DecodedInsn& d, uint32_t pc)
#define RS1 h.x[d.rs1]
#define RS2 h.x[d.rs2]
#define SRS1 static_cast<int32_t>(h.x[d.rs1])
#define SRS2 static_cast<int32_t>(h.x[d.rs2])
#define NEXT return pc + d.len

OP(nop) { NEXT; }
OP(lui) { h.x[d.rd] = uint32_t(d.imm); NEXT; }
OP(auipc) { h.x[d.rd] = pc + uint32_t(d.imm); NEXT; }
OP(jal) {
    h.x[d.rd] = pc + d.len;
    return pc + uint32_t(d.imm);
}
OP(jalr) {
    uint32_t target = (RS1 + uint32_t(d.imm)) & ~1u;
    h.x[d.rd] = pc + d.len;
    return target;
}

// A taken branch pays the redirect on top of the base cost in d.cycles.
static inline uint32_t branch(Hart& h, const DecodedInsn& d, uint32_t pc, bool taken) {
    if (taken) {
        h.cycle += h.costs.branch_taken - h.costs.branch;
        return pc + uint32_t(d.imm);
    }
    NEXT;
}
OP(beq) { return branch(h, d, pc, RS1 == RS2); }
OP(bne) { return branch(h, d, pc, RS1 != RS2); }
OP(blt) { return branch(h, d, pc, SRS1 < SRS2); }
OP(bge) { return branch(h, d, pc, SRS1 >= SRS2); }
OP(bltu) { return branch(h, d, pc, RS1 < RS2); }
OP(bgeu) { return branch(h, d, pc, RS1 >= RS2); }

template <typename T>
static inline uint32_t load_op(Hart& h, const DecodedInsn& d, uint32_t pc) {
    T value;
    if (!h.load(RS1 + uint32_t(d.imm), value)) return h.pc;
    h.x[d.rd] = static_cast<uint32_t>(value);  // sign- or zero-extends per T
    NEXT;
}
OP(lb) { return load_op<int8_t>(h, d, pc); }
OP(lh) { return load_op<int16_t>(h, d, pc); }
OP(lw) { return load_op<uint32_t>(h, d, pc); }
OP(lbu) { return load_op<uint8_t>(h, d, pc); }
OP(lhu) { return load_op<uint16_t>(h, d, pc); }

template <typename T>
static inline uint32_t store_op(Hart& h, const DecodedInsn& d, uint32_t pc) {
    if (h.store(RS1 + uint32_t(d.imm), static_cast<T>(RS2))) NEXT;
    return h.pc;
}
OP(sb) { return store_op<uint8_t>(h, d, pc); }
OP(sh) { return store_op<uint16_t>(h, d, pc); }
OP(sw) { return store_op<uint32_t>(h, d, pc); }

OP(addi) { h.x[d.rd] = RS1 + uint32_t(d.imm); NEXT; }
OP(slti) { h.x[d.rd] = SRS1 < d.imm; NEXT; }
OP(sltiu) { h.x[d.rd] = RS1 < uint32_t(d.imm); NEXT; }
OP(xori) { h.x[d.rd] = RS1 ^ uint32_t(d.imm); NEXT; }
OP(ori) { h.x[d.rd] = RS1 | uint32_t(d.imm); NEXT; }
OP(andi) { h.x[d.rd] = RS1 & uint32_t(d.imm); NEXT; }
OP(slli) { h.x[d.rd] = RS1 << d.imm; NEXT; }
OP(srli) { h.x[d.rd] = RS1 >> d.imm; NEXT; }
OP(srai) { h.x[d.rd] = uint32_t(SRS1 >> d.imm); NEXT; }
OP(add) { h.x[d.rd] = RS1 + RS2; NEXT; }
OP(sub) { h.x[d.rd] = RS1 - RS2; NEXT; }
OP(sll) { h.x[d.rd] = RS1 << (RS2 & 31); NEXT; }
OP(slt) { h.x[d.rd] = SRS1 < SRS2; NEXT; }
OP(sltu) { h.x[d.rd] = RS1 < RS2; NEXT; }
OP(xor_) { h.x[d.rd] = RS1 ^ RS2; NEXT; }
OP(srl) { h.x[d.rd] = RS1 >> (RS2 & 31); NEXT; }
OP(sra) { h.x[d.rd] = uint32_t(SRS1 >> (RS2 & 31)); NEXT; }
OP(or_) { h.x[d.rd] = RS1 | RS2; NEXT; }
OP(and_) { h.x[d.rd] = RS1 & RS2; NEXT; }

OP(mul) { h.x[d.rd] = RS1 * RS2; NEXT; }
OP(mulh) { h.x[d.rd] = uint32_t((int64_t(SRS1) * int64_t(SRS2)) >> 32); NEXT; }
OP(mulhsu) { h.x[d.rd] = uint32_t((int64_t(SRS1) * int64_t(uint64_t(RS2))) >> 32); NEXT; }
OP(mulhu) { h.x[d.rd] = uint32_t((uint64_t(RS1) * uint64_t(RS2)) >> 32); NEXT; }
// Division never traps on RISC-V: by zero gives all ones (quotient) or the dividend
// (remainder); INT_MIN / -1 overflows to INT_MIN with remainder 0.
OP(div) {
    int32_t a = SRS1, b = SRS2;
    h.x[d.rd] = b == 0 ? ~0u : (a == INT_MIN && b == -1) ? uint32_t(INT_MIN) : uint32_t(a / b);
    NEXT;
}
OP(divu) {
    h.x[d.rd] = RS2 == 0 ? ~0u : RS1 / RS2;
    NEXT;
}
OP(rem) {
    int32_t a = SRS1, b = SRS2;
    h.x[d.rd] = b == 0 ? uint32_t(a) : (a == INT_MIN && b == -1) ? 0u : uint32_t(a % b);
    NEXT;
}
OP(remu) {
    h.x[d.rd] = RS2 == 0 ? RS1 : RS1 % RS2;
    NEXT;
}

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
OP(amoswap_w) { return amo(h, d, pc, [](uint32_t, uint32_t b) { return b; }); }
OP(amoadd_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a + b; }); }
OP(amoxor_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a ^ b; }); }
OP(amoand_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a & b; }); }
OP(amoor_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a | b; }); }
OP(amomin_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return int32_t(a) < int32_t(b) ? a : b; }); }
OP(amomax_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return int32_t(a) > int32_t(b) ? a : b; }); }
OP(amominu_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a < b ? a : b; }); }
OP(amomaxu_w) { return amo(h, d, pc, [](uint32_t a, uint32_t b) { return a > b ? a : b; }); }

}  // namespace accelvp::rv::exec
