#include "ip/matrix/matrix_command.h"

namespace accelvp::matrix {

namespace {

using u128 = unsigned __int128;

CommandError error(uint32_t code, uint64_t info) {
    return {code, static_cast<uint32_t>(info)};
}

// One past the last byte an operand of `rows` rows of `row_elements` touches.
u128 operand_end(uint64_t address, uint32_t rows, uint32_t row_elements, uint32_t leading,
                 uint32_t element_bytes) {
    return u128{address} + (u128{rows - 1} * leading + row_elements) * element_bytes;
}

}  // namespace

CommandError check_command(const GemmCommand& cmd) {
    if (cmd.flags & ~uint32_t{MATRIX_FLAGS_VALID}) return error(MATRIX_ERR_BAD_FLAGS, cmd.flags);

    // Dimensions and leading dimensions report the offending register's offset: the firmware
    // can read its value back, and a zero value alone would not say which one it was.
    const struct {
        uint32_t value, offset;
    } dims[] = {{cmd.m, MATRIX_M}, {cmd.n, MATRIX_N}, {cmd.k, MATRIX_K}};
    for (const auto& d : dims)
        if (d.value == 0) return error(MATRIX_ERR_ZERO_DIM, d.offset);
    for (const auto& d : dims)
        if (d.value > kMaxDimension) return error(MATRIX_ERR_DIM_TOO_LARGE, d.offset);

    const uint32_t b_row = cmd.b_transposed() ? cmd.k : cmd.n;
    if (cmd.lda < cmd.k) return error(MATRIX_ERR_BAD_LEADING, MATRIX_LDA);
    if (cmd.ldb < b_row) return error(MATRIX_ERR_BAD_LEADING, MATRIX_LDB);
    if (cmd.ldc < cmd.n) return error(MATRIX_ERR_BAD_LEADING, MATRIX_LDC);

    const uint32_t c_bytes = cmd.c_element_bytes();
    if (cmd.a % 2) return error(MATRIX_ERR_MISALIGNED, cmd.a);
    if (cmd.b % 2) return error(MATRIX_ERR_MISALIGNED, cmd.b);
    if (cmd.c % c_bytes) return error(MATRIX_ERR_MISALIGNED, cmd.c);
    if (cmd.has_bias() && cmd.bias % 4) return error(MATRIX_ERR_MISALIGNED, cmd.bias);

    constexpr u128 kAddressSpaceEnd = u128{1} << 64;
    const uint32_t b_rows = cmd.b_transposed() ? cmd.n : cmd.k;
    if (operand_end(cmd.a, cmd.m, cmd.k, cmd.lda, 2) > kAddressSpaceEnd)
        return error(MATRIX_ERR_DMA, cmd.a);
    if (operand_end(cmd.b, b_rows, b_row, cmd.ldb, 2) > kAddressSpaceEnd)
        return error(MATRIX_ERR_DMA, cmd.b);
    if (operand_end(cmd.c, cmd.m, cmd.n, cmd.ldc, c_bytes) > kAddressSpaceEnd)
        return error(MATRIX_ERR_DMA, cmd.c);
    if (cmd.has_bias() && operand_end(cmd.bias, 1, cmd.n, cmd.n, 4) > kAddressSpaceEnd)
        return error(MATRIX_ERR_DMA, cmd.bias);
    return {};
}

}  // namespace accelvp::matrix
