// How the matrix engine cuts a GEMM into tiles, and what one tile step costs the array.
// Pure arithmetic (no SystemC): the engine (matrix_engine.h) and the tests use the same
// functions, and docs/matrix-engine.md derives them with a worked example.
//
// Dataflow: output stationary. The array has R x C processing elements (PEs); PE (r, c)
// owns one output element of an R x C block of C. A streams in from the left edge (row r of
// the block enters at PE (r, 0), skewed by r cycles), B from the top edge (column c enters at
// PE (0, c), skewed by c cycles); each PE multiplies what passes and accumulates in its own
// fp32 register, so every output is accumulated sequentially over k, as the numerics require
// (docs/matrix-numerics.md). A block pass over `depth` values of k is `depth` K steps.
//
// Tiling. A tile is tile_m x tile_n outputs (multiples of R and C, clipped at the matrix
// edge), held in one half of the accumulator SRAM (fp32); its operands, A (tile_m x tile_k)
// and B (tile_k x tile_n), in one half of the operand scratchpad (bf16). A tile runs as
// k_steps steps over K; a step runs every R x C block of the tile over its tile_k values of
// k. Both SRAMs are double-buffered: while the array runs step s, the DMA loads step s + 1
// into the other scratchpad half, and the write-back of tile t overlaps the steps of t + 1.
// Tiles go in row-major order over (tile row, tile column); steps of a tile in k order.
//
// Tile sizes (plan_tiles): start from one block per dimension, grow the shorter of the two
// sides by one block while the tile still fits half the accumulator (tile_m * tile_n * 4)
// and leaves room in half the scratchpad for at least min(K, R) values of k ((tile_m +
// tile_n) * 2 bytes each), since a block shallower than R leaves the array idle. Then
// tile_k is the most half the scratchpad holds, evened out over the K steps it needs.
// Default board (16 x 16, 256 KiB scratchpad, 128 KiB accumulator): 128 x 128 x 256.
//
// Timing of a step (step_cycles), at the engine clock, as the RTL tile (rtl/systolic_tile.sv)
// takes it:
//   fill          R + C - 2   the first operands reach the far corner PE (R-1, C-1)
//   K steps       blocks * max(depth, R)
//   drain         1           the flush wavefront takes the last block's results out
// Each column of the array has a psum bus and a result bus to the accumulator. A PE starts a
// block from the partial sum on its column's psum bus and, in the same cycle, puts its
// previous block's result on the result bus; the wavefront of a block meets the rows of a
// column one per cycle, so blocks follow each other without a gap as long as each is at
// least R deep (the buses serve one row per cycle): hence max(depth, R). After the last
// block a flush wavefront (first flags without data) takes the results out in the skew the
// operands already paid. Fill and drain are paid once per step, because the array starts a
// step only when its scratchpad half is loaded. A single block over depth K thus takes
// R + C - 1 + K cycles; SCALE-Sim's output-stationary formula, 2R + C - 2 + K, shifts the
// results out through the columns instead (R cycles).
// Not modelled: scratchpad bank conflicts, the accumulator's read-modify-write ports, and
// the array's clock gating of idle PEs in edge blocks (they count as busy).
#pragma once

#include <cstdint>
#include <optional>

namespace accelvp::matrix {

struct ArrayGeometry {
    uint32_t rows = 16, cols = 16;     // R x C PEs
    uint64_t spad_bytes = 256 * 1024;  // operand scratchpad, both halves
    uint64_t acc_bytes = 128 * 1024;   // accumulator SRAM, both halves
};

// One step: the block of C it works on (rows m0.., columns n0..) and its k range.
struct TileStep {
    uint32_t tile = 0;  // index in run order
    uint32_t m0 = 0, n0 = 0, k0 = 0;
    uint32_t m = 0, n = 0, k = 0;      // extents, clipped at the matrix edges
    bool first = false, last = false;  // first or last step of its tile
};

struct TilePlan {
    uint32_t m = 0, n = 0, k = 0;                 // the GEMM
    uint32_t tile_m = 0, tile_n = 0, tile_k = 0;  // nominal tile extents
    uint32_t tiles_m = 0, tiles_n = 0, k_steps = 0;

    uint32_t tiles() const { return tiles_m * tiles_n; }
    uint64_t steps() const { return uint64_t{tiles()} * k_steps; }
    TileStep step(uint64_t index) const;
    // Bytes one half of each SRAM must hold for this plan.
    uint64_t spad_half_bytes() const { return (uint64_t{tile_m} + tile_n) * tile_k * 2; }
    uint64_t acc_half_bytes() const { return uint64_t{tile_m} * tile_n * 4; }
};

struct PlanResult {
    std::optional<TilePlan> plan;  // empty: the smallest tile does not fit
    uint64_t needed_bytes = 0;     // then: the bytes (both halves) the SRAM lacking room needs
};

// The plan for an m x n x k GEMM (each >= 1). The smallest tile is min(m, R) x min(n, C)
// outputs over one value of k.
PlanResult plan_tiles(const ArrayGeometry& geometry, uint32_t m, uint32_t n, uint32_t k);

// R x C blocks of a step (edge blocks count whole).
uint64_t step_blocks(const ArrayGeometry& geometry, const TileStep& step);

// Array cycles of one step: (R + C - 2) + blocks * max(k, R) + 1.
uint64_t step_cycles(const ArrayGeometry& geometry, const TileStep& step);

// SRAM traffic, in bytes, for the energy report.
struct SramTraffic {
    uint64_t spad_read = 0, spad_written = 0;
    uint64_t acc_read = 0, acc_written = 0;

    SramTraffic& operator+=(const SramTraffic& o);
};

// What the array moves in one step. The scratchpad is written by the DMA with A and B once
// and read once per block that uses them (A per block column, B per block row); the
// accumulator is read for the partial sums a block starts from (none on the first step of a
// tile unless it was initialised from C or the bias) and written with every block's results.
SramTraffic step_sram_traffic(const ArrayGeometry& geometry, const TileStep& step,
                              bool initialised_from_memory);

// Around a tile: C or the bias written into the accumulator before its first step (fp32,
// whatever C's format in memory), and the tile read out for its write-back.
SramTraffic tile_init_traffic(const TileStep& first_step);
SramTraffic tile_writeback_traffic(const TileStep& last_step);

}  // namespace accelvp::matrix
