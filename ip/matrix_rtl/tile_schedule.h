// What the edges of the RTL systolic tile (rtl/systolic_tile.sv) carry in each cycle of a
// tile step, and where each result it hands out belongs. Pure arithmetic, no SystemC: the
// RTL backend (rtl_array.h) asks it cycle by cycle.
//
// A step is cut into blocks of R x C outputs, in row-major order over (block row, block
// column); block b starts at cycle b * D, D = max(k, R). Row r of the tile receives, from
// cycle r on (the skew), A[row][0..k-1] of each block with `first` on k = 0, then idles up to
// D; column c receives B[0..k-1][col] the same way from cycle c. Rows or columns of an edge
// block outside the step get no valid data (rows still get the first flag, which hands out
// their previous result). After the last block a flush (first without valid) takes the last
// results out. The column buses serve the PE whose first flag is up: in cycle t, column c's
// row is (t - c) mod D, reading the psum of block (t - c) div D and receiving the result of
// the block before it.
#pragma once

#include <cstdint>

#include "ip/matrix/array_backend.h"

namespace accelvp::matrix {

class TileSchedule {
public:
    struct RowInput {
        uint16_t a = 0;
        bool valid = false, first = false;
    };

    TileSchedule(uint32_t rows, uint32_t cols, const StepOperands& step);

    // (R + C - 2) + blocks * D + 1: the last result leaves in the last cycle.
    uint64_t cycles() const { return uint64_t{rows_} + cols_ - 2 + blocks() * depth_ + 1; }
    uint64_t blocks() const { return uint64_t{blocks_m_} * blocks_n_; }

    RowInput row_input(uint64_t cycle, uint32_t row) const;
    uint16_t column_b(uint64_t cycle, uint32_t col) const;
    float column_psum(uint64_t cycle, uint32_t col) const;
    // Where the result column `col` hands out in `cycle` goes in acc, or nullptr when it is
    // not one of the step's outputs (an edge block's PE outside the step, or no result).
    float* column_result(uint64_t cycle, uint32_t col) const;

private:
    // The block and position within it that a row or column sees `offset` cycles into the
    // stream; block == blocks() is the flush.
    struct Slot {
        uint64_t block = 0;
        uint64_t k = 0;  // 0..D-1
    };
    Slot slot(uint64_t offset) const { return {offset / depth_, offset % depth_}; }
    // The step's output element of PE (r, c) in `block`, or nullptr outside the step.
    float* output(uint64_t block, uint32_t r, uint32_t c) const;

    uint32_t rows_, cols_;
    StepOperands step_;
    uint32_t blocks_m_, blocks_n_;
    uint64_t depth_;  // D = max(k, R)
};

}  // namespace accelvp::matrix
