// One pre-decoded instruction: what executes it and its operands, extracted once. The hart
// keeps these in per-page decode caches, so hot code is never decoded twice.
//
// The integer instructions (RV32I and M, and the C forms that expand to them) are executed
// inline by the interpreter loop (ip/riscv/interpreter.cpp), selected by `op`; everything
// else (F, A, Zicsr, system) has op == Op::Call and runs the handler `exec`.
#pragma once

#include <cstdint>

namespace accelvp::rv {

class Hart;
struct DecodedInsn;

// Executes the instruction at `pc` (also in Hart::pc, for traps) and returns the next pc.
using ExecFn = uint32_t (*)(Hart&, const DecodedInsn&, uint32_t pc);

// X-macro of the inline operations; the interpreter has one case per entry.
#define ACCELVP_RV_INLINE_OPS(X)                                                                 \
    X(Lui)                                                                                       \
    X(Auipc) X(Jal) X(Jalr) X(Beq) X(Bne) X(Blt) X(Bge) X(Bltu) X(Bgeu) X(Lb) X(Lh) X(Lw) X(Lbu) \
        X(Lhu) X(Sb) X(Sh) X(Sw) X(Addi) X(Slti) X(Sltiu) X(Xori) X(Ori) X(Andi) X(Slli) X(Srli) \
            X(Srai) X(Add) X(Sub) X(Sll) X(Slt) X(Sltu) X(Xor) X(Srl) X(Sra) X(Or) X(And) X(Mul) \
                X(Mulh) X(Mulhsu) X(Mulhu) X(Div) X(Divu) X(Rem) X(Remu)

enum class Op : uint8_t {
    Decode = 0,  // not decoded yet: a zero-initialised slot is a decode stub
    Call,        // run `exec`
#define ACCELVP_RV_OP_ENUM(name) name,
    ACCELVP_RV_INLINE_OPS(ACCELVP_RV_OP_ENUM)
#undef ACCELVP_RV_OP_ENUM
        Count
};

struct DecodedInsn {
    ExecFn exec;   // for Op::Call
    int32_t imm;   // immediate; for CSR instructions the CSR number
    uint32_t raw;  // the encoding as fetched (16 or 32 bits), for mtval on illegal
    uint8_t rd;    // destination; integer writes to x0 are redirected to the sink register 32
    uint8_t rs1, rs2, rs3;
    uint8_t len;     // 2 (compressed) or 4
    uint8_t cycles;  // base cost from the configured cycle table
    uint8_t rm;      // floating-point rounding mode field; CSR: operand flags (see exec.h)
    Op op;
    uint8_t reserved[8];  // pads to 32 bytes: the interpreter indexes slots with one shift
};
static_assert(sizeof(DecodedInsn) == 32);

// Register index that absorbs writes to x0, so handlers never test rd == 0.
constexpr uint8_t kSinkReg = 32;

}  // namespace accelvp::rv
