// Zicsr, Zifencei and system instruction handlers.
#include "ip/riscv/exec.h"
#include "ip/riscv/hart.h"

namespace accelvp::rv::exec {

#define OP(name) uint32_t name(Hart& h, const DecodedInsn& d, uint32_t pc)
#define NEXT return pc + d.len

namespace {
// One CSR instruction: `write` says whether the encoding writes at all (csrrs/c with a zero
// source do not, so they may read read-only CSRs), `read` whether it reads (csrrw with
// rd = x0 does not, so it has no read side effects). `update` maps the old value to the new.
template <typename Update>
uint32_t csr_op(Hart& h, const DecodedInsn& d, uint32_t pc, bool read, bool write, Update update) {
    uint32_t csr = uint32_t(d.imm);
    if (!h.csr_accessible(csr, write)) return h.illegal(d);
    uint32_t old = 0;
    if (read || write) {
        if (!h.csr_read(csr, old)) return h.illegal(d);
    }
    if (write && !h.csr_write(csr, update(old), d)) return h.illegal(d);
    h.x[d.rd] = old;
    NEXT;
}
}  // namespace

OP(csrrw) {
    uint32_t src = h.x[d.rs1];
    return csr_op(h, d, pc, !(d.rm & kCsrRdIsX0), true, [&](uint32_t) { return src; });
}
OP(csrrs) {
    uint32_t src = h.x[d.rs1];
    return csr_op(h, d, pc, true, !(d.rm & kCsrSrcIsX0), [&](uint32_t old) { return old | src; });
}
OP(csrrc) {
    uint32_t src = h.x[d.rs1];
    return csr_op(h, d, pc, true, !(d.rm & kCsrSrcIsX0), [&](uint32_t old) { return old & ~src; });
}
OP(csrrwi) {
    return csr_op(h, d, pc, !(d.rm & kCsrRdIsX0), true, [&](uint32_t) { return uint32_t(d.rs1); });
}
OP(csrrsi) {
    return csr_op(h, d, pc, true, !(d.rm & kCsrSrcIsX0), [&](uint32_t old) { return old | d.rs1; });
}
OP(csrrci) {
    return csr_op(h, d, pc, true, !(d.rm & kCsrSrcIsX0),
                  [&](uint32_t old) { return old & ~uint32_t(d.rs1); });
}

OP(fence) {
    NEXT;
}  // one hart, in-order, no caches: memory is always coherent
OP(fence_i) {
    h.flush_decode_cache();
    NEXT;
}
OP(ecall) {
    return h.raise(h.priv == Privilege::Machine ? cause::kEcallM : cause::kEcallU, 0);
}
OP(ebreak) {
    return h.raise(cause::kBreakpoint, pc);
}
OP(mret) {
    if (h.priv != Privilege::Machine) return h.illegal(d);
    return h.do_mret();
}
// WFI from U-mode is illegal here (the spec's "bounded time" for TW = 0 is zero).
OP(wfi) {
    if (h.priv != Privilege::Machine) return h.illegal(d);
    h.do_wfi();
    NEXT;
}
OP(illegal) {
    return h.illegal(d);
}

}  // namespace accelvp::rv::exec
