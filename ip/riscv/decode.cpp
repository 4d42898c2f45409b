#include "ip/riscv/decode.h"

#include "ip/riscv/exec.h"

namespace accelvp::rv {

namespace {

uint32_t bits(uint32_t v, unsigned hi, unsigned lo) {
    return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}
int32_t sign_extend(uint32_t v, unsigned width) {
    return int32_t(v << (32 - width)) >> (32 - width);
}

// Builds a DecodedInsn; integer destinations x0 are redirected to the sink register.
struct Builder {
    DecodedInsn d{};
    const CycleCosts& c;

    Builder(uint32_t raw, unsigned len, const CycleCosts& costs) : c(costs) {
        d.op = Op::Call;
        d.exec = &exec::illegal;
        d.raw = raw;
        d.len = uint8_t(len);
        d.cycles = costs.system;
    }
    DecodedInsn& op(Op inline_op, uint8_t cycles, unsigned rd, unsigned rs1, unsigned rs2,
                    int32_t imm) {
        op(ExecFn{nullptr}, cycles, rd, rs1, rs2, imm);
        d.op = inline_op;
        return d;
    }
    DecodedInsn& op(ExecFn fn, uint8_t cycles, unsigned rd, unsigned rs1, unsigned rs2,
                    int32_t imm) {
        d.op = Op::Call;
        d.exec = fn;
        d.cycles = cycles;
        d.rd = uint8_t(rd == 0 ? kSinkReg : rd);
        d.rs1 = uint8_t(rs1);
        d.rs2 = uint8_t(rs2);
        d.imm = imm;
        return d;
    }
    // Floating-point destination: f0 is a real register.
    DecodedInsn& fop(ExecFn fn, uint8_t cycles, unsigned rd, unsigned rs1, unsigned rs2,
                     unsigned rm) {
        op(fn, cycles, rd, rs1, rs2, 0);
        d.rd = uint8_t(rd);
        d.rm = uint8_t(rm);
        return d;
    }
    DecodedInsn& illegal() {
        d.op = Op::Call;
        d.exec = &exec::illegal;
        d.cycles = c.system;
        return d;
    }
};

DecodedInsn decode32(uint32_t raw, const CycleCosts& c) {
    using namespace exec;
    Builder b(raw, 4, c);
    unsigned opcode = bits(raw, 6, 0), rd = bits(raw, 11, 7), f3 = bits(raw, 14, 12);
    unsigned rs1 = bits(raw, 19, 15), rs2 = bits(raw, 24, 20), f7 = bits(raw, 31, 25);
    int32_t imm_i = int32_t(raw) >> 20;
    int32_t imm_s = sign_extend((bits(raw, 31, 25) << 5) | bits(raw, 11, 7), 12);
    int32_t imm_b = sign_extend((bits(raw, 31, 31) << 12) | (bits(raw, 7, 7) << 11) |
                                    (bits(raw, 30, 25) << 5) | (bits(raw, 11, 8) << 1),
                                13);
    int32_t imm_u = int32_t(raw & 0xfffff000u);
    int32_t imm_j = sign_extend((bits(raw, 31, 31) << 20) | (bits(raw, 19, 12) << 12) |
                                    (bits(raw, 20, 20) << 11) | (bits(raw, 30, 21) << 1),
                                21);

    switch (opcode) {
        case 0x37:
            return b.op(Op::Lui, c.alu, rd, 0, 0, imm_u);
        case 0x17:
            return b.op(Op::Auipc, c.alu, rd, 0, 0, imm_u);
        case 0x6f:
            return b.op(Op::Jal, c.jump, rd, 0, 0, imm_j);
        case 0x67:
            return f3 == 0 ? b.op(Op::Jalr, c.jump, rd, rs1, 0, imm_i) : b.illegal();
        case 0x63: {
            static const Op fns[8] = {Op::Beq, Op::Bne, Op::Decode, Op::Decode,
                                      Op::Blt, Op::Bge, Op::Bltu,   Op::Bgeu};
            return fns[f3] != Op::Decode ? b.op(fns[f3], c.branch, 0, rs1, rs2, imm_b)
                                         : b.illegal();
        }
        case 0x03: {
            static const Op fns[8] = {Op::Lb,  Op::Lh,  Op::Lw,     Op::Decode,
                                      Op::Lbu, Op::Lhu, Op::Decode, Op::Decode};
            return fns[f3] != Op::Decode ? b.op(fns[f3], c.load, rd, rs1, 0, imm_i) : b.illegal();
        }
        case 0x23: {
            static const Op fns[8] = {Op::Sb,     Op::Sh,     Op::Sw,     Op::Decode,
                                      Op::Decode, Op::Decode, Op::Decode, Op::Decode};
            return fns[f3] != Op::Decode ? b.op(fns[f3], c.store, 0, rs1, rs2, imm_s) : b.illegal();
        }
        case 0x13:
            switch (f3) {
                case 0:
                    return b.op(Op::Addi, c.alu, rd, rs1, 0, imm_i);
                case 2:
                    return b.op(Op::Slti, c.alu, rd, rs1, 0, imm_i);
                case 3:
                    return b.op(Op::Sltiu, c.alu, rd, rs1, 0, imm_i);
                case 4:
                    return b.op(Op::Xori, c.alu, rd, rs1, 0, imm_i);
                case 6:
                    return b.op(Op::Ori, c.alu, rd, rs1, 0, imm_i);
                case 7:
                    return b.op(Op::Andi, c.alu, rd, rs1, 0, imm_i);
                case 1:
                    return f7 == 0 ? b.op(Op::Slli, c.alu, rd, rs1, 0, int32_t(rs2)) : b.illegal();
                case 5:
                    if (f7 == 0) return b.op(Op::Srli, c.alu, rd, rs1, 0, int32_t(rs2));
                    if (f7 == 0x20) return b.op(Op::Srai, c.alu, rd, rs1, 0, int32_t(rs2));
                    return b.illegal();
            }
            break;
        case 0x33:
            if (f7 == 0) {
                static const Op fns[8] = {Op::Add, Op::Sll, Op::Slt, Op::Sltu,
                                          Op::Xor, Op::Srl, Op::Or,  Op::And};
                return b.op(fns[f3], c.alu, rd, rs1, rs2, 0);
            }
            if (f7 == 0x20 && (f3 == 0 || f3 == 5))
                return b.op(f3 == 0 ? Op::Sub : Op::Sra, c.alu, rd, rs1, rs2, 0);
            if (f7 == 1) {
                static const Op fns[8] = {Op::Mul, Op::Mulh, Op::Mulhsu, Op::Mulhu,
                                          Op::Div, Op::Divu, Op::Rem,    Op::Remu};
                return b.op(fns[f3], f3 < 4 ? c.mul : c.div, rd, rs1, rs2, 0);
            }
            return b.illegal();
        case 0x0f:
            if (f3 == 0) return b.op(fence, c.system, 0, 0, 0, 0);
            if (f3 == 1) return b.op(fence_i, c.system, 0, 0, 0, 0);
            return b.illegal();
        case 0x73:
            if (f3 == 0) {
                switch (raw) {
                    case 0x00000073:
                        return b.op(ecall, c.system, 0, 0, 0, 0);
                    case 0x00100073:
                        return b.op(ebreak, c.system, 0, 0, 0, 0);
                    case 0x30200073:
                        return b.op(mret, c.system, 0, 0, 0, 0);
                    case 0x10500073:
                        return b.op(wfi, c.system, 0, 0, 0, 0);
                }
                return b.illegal();
            }
            if (f3 == 4) return b.illegal();
            {
                static const ExecFn fns[8] = {nullptr, csrrw,  csrrs,  csrrc,
                                              nullptr, csrrwi, csrrsi, csrrci};
                DecodedInsn& d = b.op(fns[f3], c.csr, rd, rs1, 0, int32_t(bits(raw, 31, 20)));
                d.rm = uint8_t((rd == 0 ? kCsrRdIsX0 : 0) | (rs1 == 0 ? kCsrSrcIsX0 : 0));
                return d;
            }
        case 0x2f: {
            if (f3 != 2) return b.illegal();
            switch (bits(raw, 31, 27)) {
                case 0x02:
                    return rs2 == 0 ? b.op(lr_w, c.atomic, rd, rs1, 0, 0) : b.illegal();
                case 0x03:
                    return b.op(sc_w, c.atomic, rd, rs1, rs2, 0);
                case 0x01:
                    return b.op(amoswap_w, c.atomic, rd, rs1, rs2, 0);
                case 0x00:
                    return b.op(amoadd_w, c.atomic, rd, rs1, rs2, 0);
                case 0x04:
                    return b.op(amoxor_w, c.atomic, rd, rs1, rs2, 0);
                case 0x0c:
                    return b.op(amoand_w, c.atomic, rd, rs1, rs2, 0);
                case 0x08:
                    return b.op(amoor_w, c.atomic, rd, rs1, rs2, 0);
                case 0x10:
                    return b.op(amomin_w, c.atomic, rd, rs1, rs2, 0);
                case 0x14:
                    return b.op(amomax_w, c.atomic, rd, rs1, rs2, 0);
                case 0x18:
                    return b.op(amominu_w, c.atomic, rd, rs1, rs2, 0);
                case 0x1c:
                    return b.op(amomaxu_w, c.atomic, rd, rs1, rs2, 0);
            }
            return b.illegal();
        }
        case 0x07:
            if (f3 != 2) return b.illegal();
            b.fop(flw, c.load, rd, rs1, 0, 0);
            b.d.imm = imm_i;
            return b.d;
        case 0x27:
            if (f3 != 2) return b.illegal();
            return b.op(fsw, c.store, 0, rs1, rs2, imm_s);
        case 0x43:
        case 0x47:
        case 0x4b:
        case 0x4f: {
            if (bits(raw, 26, 25) != 0) return b.illegal();  // fmt: single only
            static const ExecFn fns[4] = {fmadd_s, fmsub_s, fnmsub_s, fnmadd_s};
            DecodedInsn& d = b.fop(fns[(opcode >> 2) & 3], c.fp_fma, rd, rs1, rs2, f3);
            d.rs3 = uint8_t(bits(raw, 31, 27));
            return d;
        }
        case 0x53:
            switch (f7) {
                case 0x00:
                    return b.fop(fadd_s, c.fp, rd, rs1, rs2, f3);
                case 0x04:
                    return b.fop(fsub_s, c.fp, rd, rs1, rs2, f3);
                case 0x08:
                    return b.fop(fmul_s, c.fp, rd, rs1, rs2, f3);
                case 0x0c:
                    return b.fop(fdiv_s, c.fp_div, rd, rs1, rs2, f3);
                case 0x2c:
                    return rs2 == 0 ? b.fop(fsqrt_s, c.fp_sqrt, rd, rs1, 0, f3) : b.illegal();
                case 0x10: {
                    static const ExecFn fns[3] = {fsgnj_s, fsgnjn_s, fsgnjx_s};
                    return f3 < 3 ? b.fop(fns[f3], c.fp, rd, rs1, rs2, 0) : b.illegal();
                }
                case 0x14:
                    return f3 < 2 ? b.fop(f3 == 0 ? fmin_s : fmax_s, c.fp, rd, rs1, rs2, 0)
                                  : b.illegal();
                case 0x60:
                    if (rs2 > 1) return b.illegal();
                    b.op(rs2 == 0 ? fcvt_w_s : fcvt_wu_s, c.fp, rd, rs1, 0, 0);
                    b.d.rm = uint8_t(f3);
                    return b.d;
                case 0x68:
                    return rs2 <= 1 ? b.fop(rs2 == 0 ? fcvt_s_w : fcvt_s_wu, c.fp, rd, rs1, 0, f3)
                                    : b.illegal();
                case 0x70:
                    if (rs2 != 0 || f3 > 1) return b.illegal();
                    return b.op(f3 == 0 ? fmv_x_w : fclass_s, c.fp, rd, rs1, 0, 0);
                case 0x78:
                    return rs2 == 0 && f3 == 0 ? b.fop(fmv_w_x, c.fp, rd, rs1, 0, 0) : b.illegal();
                case 0x50: {
                    static const ExecFn fns[3] = {fle_s, flt_s, feq_s};
                    return f3 < 3 ? b.op(fns[f3], c.fp, rd, rs1, rs2, 0) : b.illegal();
                }
            }
            return b.illegal();
    }
    return b.illegal();
}

DecodedInsn decode16(uint32_t raw, const CycleCosts& c) {
    using namespace exec;
    Builder b(raw, 2, c);
    unsigned quadrant = bits(raw, 1, 0), f3 = bits(raw, 15, 13);
    unsigned rd = bits(raw, 11, 7), rs2 = bits(raw, 6, 2);
    unsigned rdp = 8 + bits(raw, 4, 2), rs1p = 8 + bits(raw, 9, 7);  // the x8..x15 forms
    int32_t imm6 = sign_extend((bits(raw, 12, 12) << 5) | bits(raw, 6, 2), 6);
    uint32_t uimm_w = (bits(raw, 12, 10) << 3) | (bits(raw, 6, 6) << 2) | (bits(raw, 5, 5) << 6);
    int32_t imm_j =
        sign_extend((bits(raw, 12, 12) << 11) | (bits(raw, 11, 11) << 4) | (bits(raw, 10, 9) << 8) |
                        (bits(raw, 8, 8) << 10) | (bits(raw, 7, 7) << 6) | (bits(raw, 6, 6) << 7) |
                        (bits(raw, 5, 3) << 1) | (bits(raw, 2, 2) << 5),
                    12);
    int32_t imm_b =
        sign_extend((bits(raw, 12, 12) << 8) | (bits(raw, 11, 10) << 3) | (bits(raw, 6, 5) << 6) |
                        (bits(raw, 4, 3) << 1) | (bits(raw, 2, 2) << 5),
                    9);

    if (quadrant == 0) {
        switch (f3) {
            case 0: {
                uint32_t nzuimm = (bits(raw, 12, 11) << 4) | (bits(raw, 10, 7) << 6) |
                                  (bits(raw, 6, 6) << 2) | (bits(raw, 5, 5) << 3);
                return nzuimm ? b.op(Op::Addi, c.alu, rdp, 2, 0, int32_t(nzuimm)) : b.illegal();
            }
            case 2:
                return b.op(Op::Lw, c.load, rdp, rs1p, 0, int32_t(uimm_w));
            case 3:
                b.fop(flw, c.load, rdp, rs1p, 0, 0);
                b.d.imm = int32_t(uimm_w);
                return b.d;
            case 6:
                return b.op(Op::Sw, c.store, 0, rs1p, rdp, int32_t(uimm_w));
            case 7:
                return b.op(fsw, c.store, 0, rs1p, rdp, int32_t(uimm_w));
        }
        return b.illegal();  // c.fld/c.fsd need D; 100 is reserved
    }

    if (quadrant == 1) {
        switch (f3) {
            case 0:
                return b.op(Op::Addi, c.alu, rd, rd, 0, imm6);  // c.nop when rd = 0
            case 1:
                return b.op(Op::Jal, c.jump, 1, 0, 0, imm_j);  // c.jal (RV32 only)
            case 2:
                return b.op(Op::Addi, c.alu, rd, 0, 0, imm6);  // c.li
            case 3:
                if (rd == 2) {
                    int32_t nzimm = sign_extend((bits(raw, 12, 12) << 9) | (bits(raw, 6, 6) << 4) |
                                                    (bits(raw, 5, 5) << 6) |
                                                    (bits(raw, 4, 3) << 7) | (bits(raw, 2, 2) << 5),
                                                10);
                    return nzimm ? b.op(Op::Addi, c.alu, 2, 2, 0, nzimm)
                                 : b.illegal();  // c.addi16sp
                }
                return imm6 ? b.op(Op::Lui, c.alu, rd, 0, 0, int32_t(uint32_t(imm6) << 12))
                            : b.illegal();
            case 4:
                switch (bits(raw, 11, 10)) {
                    case 0:
                        return bits(raw, 12, 12)
                                   ? b.illegal()
                                   : b.op(Op::Srli, c.alu, rs1p, rs1p, 0, int32_t(rs2));
                    case 1:
                        return bits(raw, 12, 12)
                                   ? b.illegal()
                                   : b.op(Op::Srai, c.alu, rs1p, rs1p, 0, int32_t(rs2));
                    case 2:
                        return b.op(Op::Andi, c.alu, rs1p, rs1p, 0, imm6);
                    case 3: {
                        if (bits(raw, 12, 12)) return b.illegal();  // c.subw/c.addw are RV64
                        static const Op fns[4] = {Op::Sub, Op::Xor, Op::Or, Op::And};
                        return b.op(fns[bits(raw, 6, 5)], c.alu, rs1p, rs1p, rdp, 0);
                    }
                }
                break;
            case 5:
                return b.op(Op::Jal, c.jump, 0, 0, 0, imm_j);  // c.j
            case 6:
                return b.op(Op::Beq, c.branch, 0, rs1p, 0, imm_b);
            case 7:
                return b.op(Op::Bne, c.branch, 0, rs1p, 0, imm_b);
        }
        return b.illegal();
    }

    // quadrant 2
    uint32_t uimm_lwsp = (bits(raw, 12, 12) << 5) | (bits(raw, 6, 4) << 2) | (bits(raw, 3, 2) << 6);
    uint32_t uimm_swsp = (bits(raw, 12, 9) << 2) | (bits(raw, 8, 7) << 6);
    switch (f3) {
        case 0:
            return bits(raw, 12, 12) ? b.illegal() : b.op(Op::Slli, c.alu, rd, rd, 0, int32_t(rs2));
        case 2:
            return rd ? b.op(Op::Lw, c.load, rd, 2, 0, int32_t(uimm_lwsp)) : b.illegal();
        case 3:
            b.fop(flw, c.load, rd, 2, 0, 0);
            b.d.imm = int32_t(uimm_lwsp);
            return b.d;
        case 4:
            if (!bits(raw, 12, 12)) {
                if (rs2 == 0)
                    return rd ? b.op(Op::Jalr, c.jump, 0, rd, 0, 0) : b.illegal();  // c.jr
                return b.op(Op::Add, c.alu, rd, 0, rs2, 0);                         // c.mv
            }
            if (rd == 0 && rs2 == 0) return b.op(ebreak, c.system, 0, 0, 0, 0);  // c.ebreak
            if (rs2 == 0) return b.op(Op::Jalr, c.jump, 1, rd, 0, 0);            // c.jalr
            return b.op(Op::Add, c.alu, rd, rd, rs2, 0);                         // c.add
        case 6:
            return b.op(Op::Sw, c.store, 0, 2, rs2, int32_t(uimm_swsp));
        case 7:
            return b.op(fsw, c.store, 0, 2, rs2, int32_t(uimm_swsp));
    }
    return b.illegal();  // c.fldsp/c.fsdsp need D
}

}  // namespace

DecodedInsn decode(uint32_t raw, const CycleCosts& costs) {
    return (raw & 3) == 3 ? decode32(raw, costs) : decode16(raw & 0xffff, costs);
}

}  // namespace accelvp::rv
