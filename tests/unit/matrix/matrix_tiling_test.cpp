// The matrix engine's tiling, step timing, SRAM traffic and command checks: plain
// arithmetic, no SystemC design.
#include "ip/matrix/matrix_tiling.h"

#include <gtest/gtest.h>

#include "ip/matrix/matrix_command.h"

using namespace accelvp::matrix;

namespace {

TilePlan plan(uint32_t m, uint32_t n, uint32_t k, ArrayGeometry g = {}) {
    PlanResult r = plan_tiles(g, m, n, k);
    EXPECT_TRUE(r.plan.has_value());
    return r.plan.value_or(TilePlan{});
}

}  // namespace

TEST(MatrixTiling, DefaultBoardTilesAre128By128By256) {
    const TilePlan p = plan(512, 512, 512);
    EXPECT_EQ(p.tile_m, 128u);
    EXPECT_EQ(p.tile_n, 128u);
    EXPECT_EQ(p.tile_k, 256u);
    EXPECT_EQ(p.tiles(), 16u);
    EXPECT_EQ(p.k_steps, 2u);
    EXPECT_EQ(p.acc_half_bytes(), 64u * 1024) << "exactly half the accumulator";
    EXPECT_EQ(p.spad_half_bytes(), 128u * 1024) << "exactly half the scratchpad";
}

TEST(MatrixTiling, SmallMatricesTakeOneTile) {
    const TilePlan p = plan(20, 30, 5);
    EXPECT_EQ(p.tile_m, 20u);
    EXPECT_EQ(p.tile_n, 30u);
    EXPECT_EQ(p.tile_k, 5u);
    EXPECT_EQ(p.steps(), 1u);
}

TEST(MatrixTiling, KStepsAreEvenAndNeverEmpty) {
    const TilePlan p = plan(128, 128, 600);  // at most 256 deep: 3 steps of 200
    EXPECT_EQ(p.k_steps, 3u);
    EXPECT_EQ(p.tile_k, 200u);
    const TilePlan q = plan(128, 128, 513);  // 3 steps: 171, 171, 171
    EXPECT_EQ(q.k_steps, 3u);
    EXPECT_EQ(q.tile_k, 171u);
    for (uint64_t s = 0; s < q.steps(); ++s) EXPECT_EQ(q.step(s).k, 171u);
}

TEST(MatrixTiling, StepsRunTilesRowMajorAndKInOrder) {
    const TilePlan p = plan(200, 300, 600);
    ASSERT_EQ(p.tile_m, 128u);
    ASSERT_EQ(p.tile_n, 128u);
    ASSERT_EQ(p.tiles_m, 2u);
    ASSERT_EQ(p.tiles_n, 3u);
    ASSERT_EQ(p.k_steps, 3u);
    uint64_t macs = 0;
    for (uint64_t s = 0; s < p.steps(); ++s) {
        const TileStep st = p.step(s);
        EXPECT_EQ(st.tile, s / 3);
        EXPECT_EQ(st.m0, (st.tile / 3) * 128);
        EXPECT_EQ(st.n0, (st.tile % 3) * 128);
        EXPECT_EQ(st.k0, (s % 3) * 200);
        EXPECT_EQ(st.first, s % 3 == 0);
        EXPECT_EQ(st.last, s % 3 == 2);
        macs += uint64_t{st.m} * st.n * st.k;
    }
    EXPECT_EQ(macs, 200u * 300 * 600) << "the steps cover the GEMM exactly once";
    const TileStep corner = p.step(p.steps() - 1);
    EXPECT_EQ(corner.m, 200u - 128);
    EXPECT_EQ(corner.n, 300u - 256);
}

TEST(MatrixTiling, NarrowMatricesGrowTheOtherSide) {
    const TilePlan p = plan(16, 4096, 64);  // one block row: the tile takes 16 x 1024
    EXPECT_EQ(p.tile_m, 16u);
    EXPECT_EQ(p.tile_n, 1024u);
}

TEST(MatrixTiling, TilesLeaveRoomForAtLeastOneArrayDepthOfK) {
    ArrayGeometry g;
    g.spad_bytes = 8 * 1024;  // half: 4 KiB; 16 deep needs (tm + tn) * 32 bytes <= 4096
    g.acc_bytes = 1 << 20;
    const TilePlan p = plan(512, 512, 512, g);
    EXPECT_LE((uint64_t{p.tile_m} + p.tile_n) * 2 * 16, 4096u);
    EXPECT_GE(p.tile_k, 16u);
}

TEST(MatrixTiling, TheSmallestTileMustFit) {
    ArrayGeometry g;
    g.acc_bytes = 1024;
    PlanResult r = plan_tiles(g, 100, 100, 100);
    EXPECT_FALSE(r.plan);
    EXPECT_EQ(r.needed_bytes, 2u * 16 * 16 * 4);
    EXPECT_TRUE(plan_tiles(g, 100, 8, 100).plan) << "16 x 8 outputs fit";
    g = {};
    g.spad_bytes = 64;  // half: 32 bytes, 16 values; one k of 16 + 16 needs 64 bytes
    r = plan_tiles(g, 100, 100, 100);
    EXPECT_FALSE(r.plan);
    EXPECT_EQ(r.needed_bytes, 2u * (16 + 16) * 2);
}

TEST(MatrixTiling, StepCyclesAreFillBlocksTimesDepthAndDrain) {
    const ArrayGeometry g;  // 16 x 16
    TileStep s;
    s.m = 128, s.n = 128, s.k = 256;
    EXPECT_EQ(step_blocks(g, s), 64u);
    EXPECT_EQ(step_cycles(g, s), 30u + 64 * 256 + 1);
    s.m = 17, s.n = 1, s.k = 40;  // edge blocks count whole
    EXPECT_EQ(step_blocks(g, s), 2u);
    EXPECT_EQ(step_cycles(g, s), 30u + 2 * 40 + 1);
    s.k = 5;  // shallower than the array: each block still takes R cycles of the buses
    EXPECT_EQ(step_cycles(g, s), 30u + 2 * 16 + 1);
    ArrayGeometry wide;
    wide.rows = 4, wide.cols = 32;
    s.m = 4, s.n = 32, s.k = 100;
    EXPECT_EQ(step_cycles(wide, s), (4u + 32 - 2) + 100 + 1) << "one block: R + C - 1 + K";
}

TEST(MatrixTiling, SramTrafficOfAStep) {
    const ArrayGeometry g;
    TileStep s;
    s.m = 32, s.n = 48, s.k = 10, s.first = true;
    const SramTraffic t = step_sram_traffic(g, s, false);
    EXPECT_EQ(t.spad_written, (32u * 10 + 10u * 48) * 2);
    EXPECT_EQ(t.spad_read, 32u * 10 * 2 * 3 + 10u * 48 * 2 * 2);  // 3 block columns, 2 rows
    EXPECT_EQ(t.acc_read, 0u) << "the PEs start from zero";
    EXPECT_EQ(t.acc_written, 32u * 48 * 4);
    EXPECT_EQ(step_sram_traffic(g, s, true).acc_read, 32u * 48 * 4) << "from C or the bias";
    s.first = false;
    EXPECT_EQ(step_sram_traffic(g, s, false).acc_read, 32u * 48 * 4) << "partial sums";
    EXPECT_EQ(tile_init_traffic(s).acc_written, 32u * 48 * 4);
    EXPECT_EQ(tile_writeback_traffic(s).acc_read, 32u * 48 * 4);
}

TEST(MatrixCommandCheck, AValidCommandPasses) {
    GemmCommand c;
    c.m = 3, c.n = 5, c.k = 7, c.lda = 7, c.ldb = 5, c.ldc = 5;
    c.a = 0x8000'0000, c.b = 0x8000'1000, c.c = 0x8000'2000;
    EXPECT_TRUE(check_command(c).ok());
    c.flags = MATRIX_FLAGS_VALID;
    c.ldb = 7;  // transposed: rows of K
    c.bias = 0x8000'3000;
    EXPECT_TRUE(check_command(c).ok());
}

TEST(MatrixCommandCheck, ChecksComeInTheDocumentedOrder) {
    GemmCommand c;  // everything wrong at once
    c.flags = 0x100;
    c.a = 1;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_BAD_FLAGS});
    c.flags = 0;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_ZERO_DIM});
    c.m = c.n = c.k = 70000;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_DIM_TOO_LARGE});
    c.m = c.n = c.k = 4;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_BAD_LEADING});
    c.lda = c.ldb = c.ldc = 4;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_MISALIGNED});
    c.a = ~uint64_t{0} - 15;  // aligned, but A's 32 bytes wrap around
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_DMA});
    c.a = ~uint64_t{0} - 31;  // ends exactly at the top of the address space
    EXPECT_TRUE(check_command(c).ok());
}

TEST(MatrixCommandCheck, TheBiasIsCheckedOnlyWhenUsed) {
    GemmCommand c;
    c.m = c.n = c.k = c.lda = c.ldb = c.ldc = 4;
    c.bias = 3;
    EXPECT_TRUE(check_command(c).ok());
    c.flags = MATRIX_FLAG_BIAS;
    EXPECT_EQ(check_command(c).code, uint32_t{MATRIX_ERR_MISALIGNED});
    EXPECT_EQ(check_command(c).info, 3u);
}
