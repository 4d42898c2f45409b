// One GEMM command of the matrix engine as firmware writes it (ip/matrix/matrix_regs.h), and
// the checks a command passes before it runs. Pure C++: no time, no SystemC. What a failing
// check reports (MATRIX_ERR_* and the ERROR_INFO value) is listed in docs/matrix-engine.md.
// Does not check: that the addresses are mapped (the DMA finds out, MATRIX_ERR_DMA), that
// the operands fit the scratchpads (the tiling does, matrix_tiling.h), or that C overlaps A,
// B or the bias (the result is then undefined, as in BLAS).
#pragma once

#include <cstdint>

#include "ip/matrix/matrix_regs.h"

namespace accelvp::matrix {

constexpr uint32_t kMaxDimension = 65535;  // MATRIX_ERR_DIM_TOO_LARGE above it

struct GemmCommand {
    uint64_t a = 0, b = 0, c = 0, bias = 0;  // byte addresses
    uint32_t m = 0, n = 0, k = 0;
    uint32_t lda = 0, ldb = 0, ldc = 0;  // in elements
    uint32_t flags = 0;                  // MATRIX_FLAG_*

    bool accumulate() const { return flags & MATRIX_FLAG_ACCUMULATE; }
    bool out_bf16() const { return flags & MATRIX_FLAG_OUT_BF16; }
    bool b_transposed() const { return flags & MATRIX_FLAG_B_TRANSPOSED; }
    bool has_bias() const { return flags & MATRIX_FLAG_BIAS; }
    uint32_t c_element_bytes() const { return out_bf16() ? 2 : 4; }
};

struct CommandError {
    uint32_t code = MATRIX_ERR_NONE;
    uint32_t info = 0;  // what MATRIX_ERROR_INFO reads

    bool ok() const { return code == MATRIX_ERR_NONE; }
};

// The first failing check, in this order: flags, zero dimensions (M, N, K), dimensions above
// kMaxDimension, leading dimensions, alignment (A, B, C, bias), operands that run past the
// end of the 64-bit address space (reported as MATRIX_ERR_DMA: no such address is mapped).
CommandError check_command(const GemmCommand& cmd);

}  // namespace accelvp::matrix
