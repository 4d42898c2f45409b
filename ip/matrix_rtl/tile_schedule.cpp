#include "ip/matrix_rtl/tile_schedule.h"

#include <algorithm>

namespace accelvp::matrix {

TileSchedule::TileSchedule(uint32_t rows, uint32_t cols, const StepOperands& step)
    : rows_(rows),
      cols_(cols),
      step_(step),
      blocks_m_((step.m + rows - 1) / rows),
      blocks_n_((step.n + cols - 1) / cols),
      depth_(std::max<uint64_t>(step.k, rows)) {}

TileSchedule::RowInput TileSchedule::row_input(uint64_t cycle, uint32_t r) const {
    if (cycle < r) return {};
    const Slot s = slot(cycle - r);
    if (s.block == blocks()) return {0, false, s.k == 0};  // the flush
    if (s.block > blocks() || s.k >= step_.k) return {};
    const uint64_t row = (s.block / blocks_n_) * rows_ + r;
    if (row >= step_.m) return {0, false, s.k == 0};
    return {step_.a[row * step_.k + s.k], true, s.k == 0};
}

uint16_t TileSchedule::column_b(uint64_t cycle, uint32_t c) const {
    if (cycle < c) return 0;
    const Slot s = slot(cycle - c);
    if (s.block >= blocks() || s.k >= step_.k) return 0;
    const uint64_t col = (s.block % blocks_n_) * cols_ + c;
    return col < step_.n ? step_.b[s.k * step_.n + col] : 0;
}

float* TileSchedule::output(uint64_t block, uint32_t r, uint32_t c) const {
    const uint64_t row = (block / blocks_n_) * rows_ + r;
    const uint64_t col = (block % blocks_n_) * cols_ + c;
    if (row >= step_.m || col >= step_.n) return nullptr;
    return step_.acc + row * step_.n + col;
}

float TileSchedule::column_psum(uint64_t cycle, uint32_t c) const {
    if (cycle < c) return 0.0f;
    const Slot s = slot(cycle - c);  // s.k is the row whose first flag is up
    if (s.block >= blocks() || s.k >= rows_) return 0.0f;
    const float* psum = output(s.block, uint32_t(s.k), c);
    return psum ? *psum : 0.0f;
}

float* TileSchedule::column_result(uint64_t cycle, uint32_t c) const {
    if (cycle < c) return nullptr;
    const Slot s = slot(cycle - c);
    if (s.block == 0 || s.block > blocks() || s.k >= rows_) return nullptr;
    return output(s.block - 1, uint32_t(s.k), c);
}

}  // namespace accelvp::matrix
