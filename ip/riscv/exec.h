// Instruction handlers: one function per instruction, executing a DecodedInsn on a Hart.
// Compressed instructions decode to the same handlers (DecodedInsn::len is 2).
#pragma once

#include "ip/riscv/decoded_insn.h"

namespace accelvp::rv::exec {

// DecodedInsn::rm bits for CSR instructions: what the encoding says about x0 operands.
constexpr uint8_t kCsrRdIsX0 = 1;   // no read side effects for csrrw/csrrwi
constexpr uint8_t kCsrSrcIsX0 = 2;  // rs1 = x0 or uimm = 0: no write for csrrs/csrrc(i)

// Handlers of the instructions that are not executed inline (see decoded_insn.h).
#define ACCELVP_RV_HANDLERS(X)                                                                    \
    /* A */                                                                                       \
    X(lr_w)                                                                                       \
    X(sc_w) X(amoswap_w) X(amoadd_w) X(amoxor_w) X(amoand_w) X(amoor_w) X(amomin_w) X(amomax_w)   \
        X(amominu_w) X(amomaxu_w) /* F */                                                         \
        X(flw) X(fsw) X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s) X(fadd_s) X(fsub_s) X(fmul_s) \
            X(fdiv_s) X(fsqrt_s) X(fsgnj_s) X(fsgnjn_s) X(fsgnjx_s) X(fmin_s) X(fmax_s)           \
                X(fcvt_w_s) X(fcvt_wu_s) X(fmv_x_w) X(feq_s) X(flt_s) X(fle_s) X(fclass_s)        \
                    X(fcvt_s_w) X(fcvt_s_wu) X(fmv_w_x) /* Zicsr, Zifencei, system */             \
        X(csrrw) X(csrrs) X(csrrc) X(csrrwi) X(csrrsi) X(csrrci) X(fence) X(fence_i) X(ecall)     \
            X(ebreak) X(mret) X(wfi) X(illegal)

#define ACCELVP_RV_DECLARE(name) uint32_t name(Hart& h, const DecodedInsn& d, uint32_t pc);
ACCELVP_RV_HANDLERS(ACCELVP_RV_DECLARE)
#undef ACCELVP_RV_DECLARE

}  // namespace accelvp::rv::exec
