// The matrix engine against the plain reference GEMM (matrix_engine_fixture.h), bit for bit:
// odd shapes, several tiles and K steps, strides, transposed B, accumulate, bias, both output
// formats, both MAC modes, a queue of commands, the interrupt and the performance counters.
// Every TEST elaborates its own design (one per process).
#include "ip/matrix/matrix_engine.h"

#include <gtest/gtest.h>

#include "ip/matrix/matrix_tiling.h"
#include "tests/unit/matrix/matrix_engine_fixture.h"

using namespace sc_core;
using accelvp::MatrixEngineConfig;
using accelvp::matrix::GemmCommand;
using accelvp::matrix::MacConfig;
using namespace accelvp::test;

namespace {

// Runs the commands one after another on one bench (one design per process), each on
// fresh operands, and checks every C against the reference.
void expect_match_reference(const std::vector<GemmCommand>& commands,
                            const MatrixEngineConfig& config = {}) {
    MatrixBench bench(config);
    bench.cpu.run([&] {
        uint32_t done = 0;
        for (const GemmCommand& c : commands) {
            fill_operands(bench, c, 100 + done);
            const std::vector<uint8_t> expected = reference_c(bench, c, config.mac);
            ASSERT_TRUE(bench.submit(c).ok());
            bench.wait_idle();
            EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
            EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), ++done);
            EXPECT_EQ(first_difference(expected, bench.host(c.c)), -1)
                << c.m << "x" << c.n << "x" << c.k << " flags " << c.flags;
        }
    });
    sc_start();
}

// Small scratchpads: many tiles and K steps for small matrices.
MatrixEngineConfig small_sram_config() {
    MatrixEngineConfig config;
    config.array.rows = 4;
    config.array.cols = 8;
    config.array.spad_bytes = 1024;  // tiles of 8 x 16 take 12 values of k per step
    config.array.acc_bytes = 1024;
    return config;
}

}  // namespace

TEST(MatrixEngine, RegistersReadTheConfiguration) {
    MatrixEngineConfig config;
    config.array.rows = 8;
    config.array.cols = 32;
    config.queue_depth = 3;
    config.clock_hz = 800'000'000;
    MatrixBench bench(config);
    bench.cpu.run([&] {
        EXPECT_EQ(bench.read(MATRIX_ID), MATRIX_ID_VALUE);
        EXPECT_EQ(bench.read(MATRIX_VERSION), 0x0001'0000u);
        EXPECT_EQ(bench.read(MATRIX_ARRAY_ROWS), 8u);
        EXPECT_EQ(bench.read(MATRIX_ARRAY_COLS), 32u);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_DEPTH), 3u);
        EXPECT_EQ(bench.read(MATRIX_SPAD_BYTES), 256u * 1024);
        EXPECT_EQ(bench.read(MATRIX_ACC_BYTES), 128u * 1024);
        EXPECT_EQ(bench.read(MATRIX_CLOCK_MHZ), 800u);
        EXPECT_EQ(bench.read(MATRIX_STATUS), 0u);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 0u);
        EXPECT_FALSE(bench.write(MATRIX_ID, 1).ok()) << "read-only";
        bench.write(MATRIX_A_LO, 0x1234'5678);
        bench.write(MATRIX_A_HI, 0x9abc'def0);
        EXPECT_EQ(bench.read(MATRIX_A_LO), 0x1234'5678u);
        EXPECT_EQ(bench.read(MATRIX_A_HI), 0x9abc'def0u);
        bench.write(MATRIX_LDC, 77);
        EXPECT_EQ(bench.read(MATRIX_LDC), 77u);
    });
    sc_start();
}

TEST(MatrixEngine, OddShapeMatchesTheReference) {
    expect_match_reference({dense_command(37, 45, 29)});
}

TEST(MatrixEngine, SmallerThanTheArray) {
    expect_match_reference({dense_command(1, 1, 1), dense_command(3, 5, 7)});
}

TEST(MatrixEngine, SeveralTilesAndKStepsOnTheDefaultArray) {
    expect_match_reference({dense_command(150, 140, 600)});  // 2 x 2 tiles, 3 K steps
}

TEST(MatrixEngine, ManyTilesAndKStepsWithSmallScratchpads) {
    expect_match_reference(
        {dense_command(29, 41, 50),
         dense_command(29, 41, 50,
                       MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS | MATRIX_FLAG_B_TRANSPOSED)},
        small_sram_config());
}

TEST(MatrixEngine, StridedOperandsLeaveThePaddingAlone) {
    GemmCommand c = dense_command(33, 19, 21);
    c.lda = 40, c.ldb = 23, c.ldc = 31;
    c.b = c.a + 64 * 1024;
    c.c = c.a + 128 * 1024;
    GemmCommand bf16 = c;
    bf16.flags = MATRIX_FLAG_OUT_BF16;
    expect_match_reference({c, bf16});
}

TEST(MatrixEngine, TransposedB) {
    GemmCommand c = dense_command(40, 24, 70, MATRIX_FLAG_B_TRANSPOSED);
    GemmCommand padded = c;
    padded.ldb = 75;  // rows of B (now N x K) padded
    padded.c = c.a + 256 * 1024;
    expect_match_reference({c, padded});
}

TEST(MatrixEngine, AccumulateIntoFp32AndBf16) {
    expect_match_reference(
        {dense_command(20, 36, 17, MATRIX_FLAG_ACCUMULATE),
         dense_command(20, 36, 17, MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_OUT_BF16)});
}

TEST(MatrixEngine, BiasAloneAndWithAccumulate) {
    expect_match_reference({dense_command(18, 33, 9, MATRIX_FLAG_BIAS),
                            dense_command(18, 33, 9, MATRIX_FLAG_BIAS | MATRIX_FLAG_ACCUMULATE),
                            dense_command(18, 33, 9, MATRIX_FLAG_BIAS | MATRIX_FLAG_OUT_BF16)});
}

TEST(MatrixEngine, Bf16OutputRoundsToNearestEven) {
    expect_match_reference({dense_command(31, 17, 64, MATRIX_FLAG_OUT_BF16)});
}

TEST(MatrixEngine, ApproxModeTowardZeroMatchesTheScalarApproxMac) {
    MatrixEngineConfig config;
    config.mac.mode = MacConfig::Mode::Approx;
    config.mac.norm_group_bits = 4;
    config.mac.rounding = MacConfig::Rounding::TowardZero;
    expect_match_reference({dense_command(23, 35, 300), dense_command(9, 40, 33, MATRIX_FLAG_BIAS)},
                           config);
}

TEST(MatrixEngine, ApproxModeNearestEvenMatchesTheScalarApproxMac) {
    MatrixEngineConfig config;
    config.mac.mode = MacConfig::Mode::Approx;
    config.mac.norm_group_bits = 8;
    expect_match_reference({dense_command(17, 20, 40, MATRIX_FLAG_ACCUMULATE)}, config);
}

TEST(MatrixEngine, ApproxModeDiffersFromExactSomewhere) {
    // Guards against the configuration not reaching the array: cancelling sums at G = 8
    // must round differently from exact mode for at least one output.
    GemmCommand c = dense_command(32, 32, 256);
    MatrixEngineConfig approx;
    approx.mac.mode = MacConfig::Mode::Approx;
    approx.mac.norm_group_bits = 8;
    approx.mac.rounding = MacConfig::Rounding::TowardZero;
    MatrixBench bench(approx);
    fill_operands(bench, c, 10);
    const std::vector<uint8_t> exact = reference_c(bench, c, MacConfig{});
    const std::vector<uint8_t> expected = reference_c(bench, c, approx.mac);
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
    });
    sc_start();
    EXPECT_EQ(first_difference(expected, bench.host(c.c)), -1);
    EXPECT_NE(first_difference(exact, bench.host(c.c)), -1);
}

TEST(MatrixEngine, QueuedCommandsRunInOrder) {
    MatrixBench bench;
    // The second command accumulates onto the first one's result: order matters.
    GemmCommand first = dense_command(40, 40, 40);
    GemmCommand second = first;
    second.flags = MATRIX_FLAG_ACCUMULATE;
    second.a = first.a + 1024 * 1024;  // other operands, same C
    second.b = first.b + 1024 * 1024;
    GemmCommand third = dense_command(16, 16, 16, MATRIX_FLAG_OUT_BF16, kMemBase + (4 << 20));
    fill_operands(bench, first, 11);
    fill_operands(bench, second, 12);
    fill_operands(bench, third, 13);
    const std::vector<uint8_t> after_first = reference_c(bench, first, {});
    std::memcpy(bench.host(first.c), after_first.data(), after_first.size());
    const std::vector<uint8_t> after_second = reference_c(bench, second, {});
    const std::vector<uint8_t> third_expected = reference_c(bench, third, {});
    bench.cpu.run([&] {
        ASSERT_TRUE(bench.submit(first).ok());
        ASSERT_TRUE(bench.submit(second).ok());
        ASSERT_TRUE(bench.submit(third).ok());
        wait(10, SC_NS);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 3u);
        EXPECT_EQ(bench.read(MATRIX_STATUS), uint32_t{MATRIX_STATUS_BUSY});
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 3u);
        EXPECT_EQ(bench.read(MATRIX_STATUS), 0u);
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
    });
    sc_start();
    EXPECT_EQ(first_difference(after_second, bench.host(first.c)), -1);
    EXPECT_EQ(first_difference(third_expected, bench.host(third.c)), -1);
    EXPECT_EQ(bench.engine.totals().commands, 3u);
}

TEST(MatrixEngine, QueueFullStatusAtTheConfiguredDepth) {
    MatrixEngineConfig config;
    config.queue_depth = 2;
    MatrixBench bench(config);
    const GemmCommand c = dense_command(64, 64, 64);
    bench.cpu.run([&] {
        bench.submit(c);
        EXPECT_EQ(bench.read(MATRIX_STATUS) & MATRIX_STATUS_QUEUE_FULL, 0u);
        bench.submit(c);
        EXPECT_NE(bench.read(MATRIX_STATUS) & MATRIX_STATUS_QUEUE_FULL, 0u);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_STATUS), 0u);
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 2u);
    });
    sc_start();
}

TEST(MatrixEngine, DoneInterruptRaisedWhenEnabledAndClearedByWritingOne) {
    MatrixBench bench;
    const GemmCommand c = dense_command(16, 16, 16);
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_INT_STATUS), uint32_t{MATRIX_INT_DONE});
        EXPECT_FALSE(bench.irqs.level()) << "not enabled";
        bench.write(MATRIX_INT_ENABLE, MATRIX_INT_DONE | MATRIX_INT_ERROR);
        EXPECT_TRUE(bench.irqs.level()) << "enabling a pending status raises the line";
        bench.write(MATRIX_INT_STATUS, MATRIX_INT_DONE);
        EXPECT_FALSE(bench.irqs.level());
        EXPECT_EQ(bench.read(MATRIX_INT_STATUS), 0u);

        const sc_time before = sc_time_stamp();
        bench.submit(c);
        while (!bench.irqs.level()) wait(10, SC_NS);
        EXPECT_GT(bench.irqs.edges().back().time, before);
        bench.write(MATRIX_INT_STATUS, MATRIX_INT_DONE);
        EXPECT_FALSE(bench.irqs.level());
    });
    sc_start();
}

TEST(MatrixEngine, PerformanceCountersCountTheCommand) {
    MatrixBench bench;
    const GemmCommand c = dense_command(48, 40, 100, MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS);
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_MACS_LO), 48u * 40 * 100);
        // One tile, one K step: A, B, C and the bias read once, C written once.
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_BYTES_READ_LO),
                  48u * 100 * 2 + 100u * 40 * 2 + 48u * 40 * 4 + 40u * 4);
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_BYTES_WRITTEN_LO), 48u * 40 * 4);
        const uint64_t busy = bench.read_perf(MATRIX_PERF_BUSY_CYCLES_LO);
        const uint64_t stall = bench.read_perf(MATRIX_PERF_DMA_STALL_LO);
        EXPECT_GT(stall, 0u) << "the first step waits for its operands";
        EXPECT_GT(busy, stall);
        EXPECT_EQ(bench.read(MATRIX_PERF_MACS_HI), 0u);

        bench.write(MATRIX_CONTROL, MATRIX_CONTROL_RESET_PERF);
        for (uint64_t lo :
             {MATRIX_PERF_BUSY_CYCLES_LO, MATRIX_PERF_MACS_LO, MATRIX_PERF_DMA_STALL_LO,
              MATRIX_PERF_BYTES_READ_LO, MATRIX_PERF_BYTES_WRITTEN_LO})
            EXPECT_EQ(bench.read_perf(lo), 0u) << lo;
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 1u) << "RESET_PERF leaves the rest";
        bench.submit(c);
        bench.wait_idle();
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_MACS_LO), 48u * 40 * 100);
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_BUSY_CYCLES_LO), busy) << "deterministic";
    });
    sc_start();
    EXPECT_EQ(bench.engine.totals().macs, 2u * 48 * 40 * 100) << "totals are never reset";
}

TEST(MatrixEngine, BusyCyclesAdvanceWhileACommandRuns) {
    MatrixBench bench;
    bench.cpu.run([&] {
        bench.submit(dense_command(128, 128, 512));
        const sc_time rung = sc_time_stamp();  // the doorbell's time, give or take a cycle
        wait(5, SC_US);
        const uint64_t early = bench.read_perf(MATRIX_PERF_BUSY_CYCLES_LO);
        const double elapsed_cycles = (sc_time_stamp() - rung).to_seconds() * 1e9;
        EXPECT_NEAR(double(early), elapsed_cycles, 3.0);
        EXPECT_EQ(bench.read(MATRIX_STATUS) & MATRIX_STATUS_BUSY, uint32_t{MATRIX_STATUS_BUSY});
        bench.wait_idle();
        EXPECT_GT(bench.read_perf(MATRIX_PERF_BUSY_CYCLES_LO), early);
    });
    sc_start();
}

TEST(MatrixEngine, ArrayCyclesAndUtilisationFollowTheTilingFormula) {
    // 64 x 64 x 64 on a 16 x 16 array: one tile of 16 blocks, one K step:
    // fill 30 + 16 blocks x 64 K steps + drain 1 = 1055 cycles.
    MatrixBench bench;
    const GemmCommand c = dense_command(64, 64, 64);
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
    });
    sc_start();
    const auto totals = bench.engine.totals();
    EXPECT_EQ(totals.compute_cycles, 30u + 16 * 64 + 1);
    EXPECT_EQ(totals.macs, 64u * 64 * 64);
    // Busy = the array + its wait for the first operands + the last write-back.
    EXPECT_GT(totals.busy_cycles, totals.compute_cycles + totals.dma_stall_cycles);
    const double utilisation =
        bench.engine.derive(bench.engine.totals_json(), 0)["utilisation"].get<double>();
    EXPECT_DOUBLE_EQ(utilisation, double(totals.macs) / (256.0 * double(totals.busy_cycles)));

    // SRAM traffic of that step (matrix_tiling.h): A read once per block column (4), B once
    // per block row (4), every block's results written to the accumulator, the tile read
    // out once for its write-back.
    const uint64_t a = 64 * 64 * 2, b = 64 * 64 * 2, acc = 64 * 64 * 4;
    EXPECT_EQ(totals.sram_bytes_written, a + b + acc);
    EXPECT_EQ(totals.sram_bytes_read, 4 * a + 4 * b + acc);
}

TEST(MatrixEngine, StepsOverlapTheirLoadsWithCompute) {
    // Four tiles: after the first step's operands, the loads hide behind the array, so the
    // stall is about one step's load and the array runs nearly all of the time.
    MatrixBench bench;
    const GemmCommand c = dense_command(256, 256, 256);
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
    });
    sc_start();
    const auto totals = bench.engine.totals();
    const auto plan = *accelvp::matrix::plan_tiles({}, 256, 256, 256).plan;
    ASSERT_EQ(plan.steps(), 4u);
    uint64_t formula = 0;
    for (uint64_t s = 0; s < plan.steps(); ++s)
        formula += accelvp::matrix::step_cycles({}, plan.step(s));
    EXPECT_EQ(totals.compute_cycles, formula);
    EXPECT_LT(totals.dma_stall_cycles, formula / 4) << "only the first step waits";
    EXPECT_GT(double(totals.macs) / (256.0 * double(totals.busy_cycles)), 0.7);
}
