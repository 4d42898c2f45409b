// One pre-decoded instruction: the handler that executes it and its operands, extracted
// once. The hart keeps these in per-page decode caches, so hot code is never decoded twice.
#pragma once

#include <cstdint>

namespace accelvp::rv {

class Hart;
struct DecodedInsn;
// Executes the instruction at `pc` (also in Hart::pc, for traps) and returns the next pc.
// Passing the pc in a register keeps it out of the memory round trip on the hot path.
using ExecFn = uint32_t (*)(Hart&, const DecodedInsn&, uint32_t pc);

struct DecodedInsn {
    ExecFn exec;
    int32_t imm;      // immediate; for CSR instructions the CSR number
    uint32_t raw;     // the encoding as fetched (16 or 32 bits), for mtval on illegal
    uint8_t rd;       // destination; writes to x0 are redirected to the sink register 32
    uint8_t rs1, rs2, rs3;
    uint8_t len;      // 2 (compressed) or 4
    uint8_t cycles;   // base cost from the configured cycle table
    uint8_t rm;       // floating-point rounding mode field; CSR: operand flags (see exec.h)
    uint8_t reserved;
};

// Register index that absorbs writes to x0, so handlers never test rd == 0.
constexpr uint8_t kSinkReg = 32;

}  // namespace accelvp::rv
