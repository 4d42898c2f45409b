// The matrix engine's arithmetic on a whole tile: acc[i][j] = mac(a[i][k], b[k][j], acc[i][j])
// for k = 0, 1, ..., depth-1 in that order (one multiply-add unit per output, accumulating
// sequentially over k), for every row i and column j. Bit for bit equal to that loop of the
// scalar mac() in both modes, only faster: on AVX2+FMA hosts (chosen at run time) exact mode
// is vfmadd on eight columns and approx mode double precision on four; elsewhere both run
// one column at a time in double precision. Not modelled: the engine's dataflow, timing or
// operand fetching.
#pragma once

#include <cstdint>

#include "ip/matrix/mac.h"

namespace accelvp::matrix {

// Row-major operands: acc is rows x cols, a is rows x depth, b is depth x cols. A stride is
// the distance in elements between two rows; 0 means dense (the row length).
struct TileStrides {
    int acc = 0;
    int a = 0;
    int b = 0;
};

// Which implementation runs. Auto picks the AVX2+FMA paths when the host has them; Portable
// forces the paths used otherwise (tests compare both on every host).
enum class KernelPath { Auto, Portable };

// Throws std::invalid_argument for an invalid config, a negative size or a stride shorter
// than its row. depth == 0 leaves acc untouched.
void accumulate_tile(float* acc, int rows, int cols, const uint16_t* a, const uint16_t* b,
                     int depth, const MacConfig& cfg, TileStrides strides = {},
                     KernelPath path = KernelPath::Auto);

// True when KernelPath::Auto runs the AVX2+FMA paths on this host.
bool kernel_has_fma();

}  // namespace accelvp::matrix
