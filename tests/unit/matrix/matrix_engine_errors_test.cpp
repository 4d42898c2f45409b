// The matrix engine's bad input: every MATRIX_ERR_* code with its ERROR_INFO, the error
// interrupt, the first error kept until cleared, the engine going on with the next command,
// CONTROL.RESET, and configuration errors. Every TEST elaborates its own design.
#include <gtest/gtest.h>

#include <stdexcept>

#include "ip/matrix/matrix_engine.h"
#include "tests/unit/matrix/matrix_engine_fixture.h"

using namespace sc_core;
using accelvp::MatrixEngineConfig;
using accelvp::matrix::GemmCommand;
using namespace accelvp::test;

namespace {

struct Expected {
    uint32_t code, info;
};

// Submits the command, waits for it to end, checks the error and clears it.
void expect_error(MatrixBench& bench, const GemmCommand& c, Expected e) {
    bench.submit(c);
    bench.wait_idle();
    EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), e.code) << "flags " << c.flags;
    EXPECT_EQ(bench.read(MATRIX_ERROR_INFO), e.info) << "code " << e.code;
    EXPECT_NE(bench.read(MATRIX_INT_STATUS) & MATRIX_INT_ERROR, 0u);
    bench.write(MATRIX_ERROR_CODE, 0);
    bench.write(MATRIX_INT_STATUS, MATRIX_INT_ERROR);
}

void run_error_cases(const std::vector<std::pair<GemmCommand, Expected>>& cases,
                     const MatrixEngineConfig& config = {}) {
    MatrixBench bench(config);
    bench.cpu.run([&] {
        for (const auto& [command, expected] : cases) expect_error(bench, command, expected);
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 0u) << "a failed command is not done";
        EXPECT_EQ(bench.engine.totals().errors, cases.size());
    });
    sc_start();
}

GemmCommand with(GemmCommand c, void (*change)(GemmCommand&)) {
    change(c);
    return c;
}

}  // namespace

TEST(MatrixEngineErrors, ZeroDimensionNamesItsRegister) {
    const GemmCommand c = dense_command(8, 8, 8);
    run_error_cases({
        {with(c, [](GemmCommand& x) { x.m = 0; }), {MATRIX_ERR_ZERO_DIM, MATRIX_M}},
        {with(c, [](GemmCommand& x) { x.n = 0; }), {MATRIX_ERR_ZERO_DIM, MATRIX_N}},
        {with(c, [](GemmCommand& x) { x.k = 0; }), {MATRIX_ERR_ZERO_DIM, MATRIX_K}},
    });
}

TEST(MatrixEngineErrors, DimensionAboveTheLimit) {
    const GemmCommand c = dense_command(8, 8, 8);
    run_error_cases({
        {with(c, [](GemmCommand& x) { x.m = 65536, x.lda = 65536; }),
         {MATRIX_ERR_DIM_TOO_LARGE, MATRIX_M}},
        {with(c, [](GemmCommand& x) { x.k = 70000, x.lda = 70000; }),
         {MATRIX_ERR_DIM_TOO_LARGE, MATRIX_K}},
    });
}

TEST(MatrixEngineErrors, LeadingDimensionBelowTheRow) {
    const GemmCommand c = dense_command(8, 12, 10);
    run_error_cases({
        {with(c, [](GemmCommand& x) { x.lda = 9; }), {MATRIX_ERR_BAD_LEADING, MATRIX_LDA}},
        {with(c, [](GemmCommand& x) { x.ldb = 11; }), {MATRIX_ERR_BAD_LEADING, MATRIX_LDB}},
        // Transposed, B's rows are K = 10 long: 11 is fine, 9 is not.
        {with(c, [](GemmCommand& x) { x.flags = MATRIX_FLAG_B_TRANSPOSED, x.ldb = 9; }),
         {MATRIX_ERR_BAD_LEADING, MATRIX_LDB}},
        {with(c, [](GemmCommand& x) { x.ldc = 0; }), {MATRIX_ERR_BAD_LEADING, MATRIX_LDC}},
    });
}

TEST(MatrixEngineErrors, MisalignedAddressReportsIt) {
    const GemmCommand c = dense_command(8, 8, 8);
    run_error_cases({
        {with(c, [](GemmCommand& x) { x.a += 1; }), {MATRIX_ERR_MISALIGNED, uint32_t(c.a + 1)}},
        {with(c, [](GemmCommand& x) { x.b += 1; }), {MATRIX_ERR_MISALIGNED, uint32_t(c.b + 1)}},
        {with(c, [](GemmCommand& x) { x.c += 2; }), {MATRIX_ERR_MISALIGNED, uint32_t(c.c + 2)}},
        {with(c, [](GemmCommand& x) { x.flags = MATRIX_FLAG_BIAS, x.bias += 2; }),
         {MATRIX_ERR_MISALIGNED, uint32_t(c.bias + 2)}},
    });
}

TEST(MatrixEngineErrors, Bf16OutputNeedsOnlyTwoByteAlignment) {
    MatrixBench bench;
    GemmCommand c = dense_command(8, 8, 8, MATRIX_FLAG_OUT_BF16);
    c.c += 2;
    bench.cpu.run([&] {
        bench.submit(c);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 1u);
    });
    sc_start();
}

TEST(MatrixEngineErrors, UnknownFlags) {
    run_error_cases({{dense_command(8, 8, 8, 0x10), {MATRIX_ERR_BAD_FLAGS, 0x10}},
                     {dense_command(8, 8, 8, 0x8000'0001), {MATRIX_ERR_BAD_FLAGS, 0x8000'0001}}});
}

TEST(MatrixEngineErrors, DmaErrorOnEveryOperandReportsTheFailingAddress) {
    const GemmCommand c = dense_command(20, 20, 20);
    run_error_cases({
        {with(c, [](GemmCommand& x) { x.a = kUnmapped; }), {MATRIX_ERR_DMA, uint32_t(kUnmapped)}},
        {with(c, [](GemmCommand& x) { x.b = kUnmapped + 64; }),
         {MATRIX_ERR_DMA, uint32_t(kUnmapped + 64)}},
        {with(c, [](GemmCommand& x) { x.c = kUnmapped; }), {MATRIX_ERR_DMA, uint32_t(kUnmapped)}},
        {with(c, [](GemmCommand& x) { x.flags = MATRIX_FLAG_ACCUMULATE, x.c = kUnmapped + 128; }),
         {MATRIX_ERR_DMA, uint32_t(kUnmapped + 128)}},
        {with(c, [](GemmCommand& x) { x.flags = MATRIX_FLAG_BIAS, x.bias = kUnmapped + 256; }),
         {MATRIX_ERR_DMA, uint32_t(kUnmapped + 256)}},
        // A runs past the end of the memory window: the first burst outside fails.
        {with(c, [](GemmCommand& x) { x.a = kMemBase + kMemBytes - 256; }),
         {MATRIX_ERR_DMA, uint32_t(kMemBase + kMemBytes)}},
        // Past the end of the 64-bit address space: caught before any transfer.
        {with(c, [](GemmCommand& x) { x.b = ~uint64_t{0} - 63; }),
         {MATRIX_ERR_DMA, uint32_t(~uint64_t{0} - 63)}},
    });
}

TEST(MatrixEngineErrors, OperandsThatDoNotFitTheScratchpads) {
    MatrixEngineConfig config;
    config.array.acc_bytes = 1024;  // half: 128 fp32, less than one 16 x 16 block
    MatrixBench bench(config);
    bench.cpu.run([&] {
        expect_error(bench, dense_command(16, 16, 4), {MATRIX_ERR_DOES_NOT_FIT, 2 * 16 * 16 * 4});
        // A smaller output fits: the smallest tile is min(M, rows) x min(N, cols).
        bench.submit(dense_command(8, 16, 4));
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 1u);
    });
    sc_start();
}

TEST(MatrixEngineErrors, DoorbellOnAFullQueueDropsTheCommand) {
    MatrixEngineConfig config;
    config.queue_depth = 2;
    MatrixBench bench(config);
    bench.cpu.run([&] {
        bench.write(MATRIX_INT_ENABLE, MATRIX_INT_ERROR);
        const GemmCommand c = dense_command(64, 64, 64);
        EXPECT_TRUE(bench.submit(c).ok());
        EXPECT_TRUE(bench.submit(c).ok());
        EXPECT_FALSE(bench.irqs.level());
        EXPECT_TRUE(bench.submit(c).ok()) << "the write itself is accepted";
        EXPECT_TRUE(bench.irqs.level());
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_QUEUE_FULL});
        EXPECT_EQ(bench.read(MATRIX_ERROR_INFO), 2u);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 2u);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 2u);
    });
    sc_start();
}

TEST(MatrixEngineErrors, FirstErrorIsKeptAndTheNextCommandRuns) {
    MatrixBench bench;
    bench.cpu.run([&] {
        bench.write(MATRIX_INT_ENABLE, MATRIX_INT_ERROR);
        GemmCommand bad = dense_command(8, 8, 8);
        bad.k = 0;
        bench.submit(bad);
        bench.submit(dense_command(8, 8, 8, 0x40));  // a second error, queued behind it
        const GemmCommand good = dense_command(16, 16, 16);
        fill_operands(bench, good, 1);
        const std::vector<uint8_t> expected = reference_c(bench, good, {});
        bench.submit(good);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_ZERO_DIM});
        EXPECT_EQ(bench.read(MATRIX_ERROR_INFO), uint32_t{MATRIX_K});
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 1u);
        EXPECT_EQ(first_difference(expected, bench.host(good.c)), -1);
        EXPECT_TRUE(bench.irqs.level());
        bench.write(MATRIX_ERROR_CODE, 0);
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
        EXPECT_EQ(bench.read(MATRIX_ERROR_INFO), 0u);
        EXPECT_TRUE(bench.irqs.level()) << "INT_STATUS is cleared on its own";
        bench.write(MATRIX_INT_STATUS, MATRIX_INT_ERROR);
        EXPECT_FALSE(bench.irqs.level());
        EXPECT_EQ(bench.engine.totals().errors, 2u);
    });
    sc_start();
}

TEST(MatrixEngineErrors, ResetDropsQueuedCommandsAndStopsTheRunningOne) {
    MatrixBench bench;
    bench.cpu.run([&] {
        const GemmCommand big = dense_command(256, 256, 256);
        bench.submit(big);
        bench.submit(big);
        bench.submit(dense_command(8, 8, 0));
        wait(2, SC_US);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 3u);
        bench.write(MATRIX_CONTROL, MATRIX_CONTROL_RESET);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 1u) << "the running one, until it stops";
        bench.wait_idle();
        EXPECT_LT(sc_time_stamp(), sc_time(20, SC_US)) << "stopped at a step boundary";
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 0u);
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
        EXPECT_EQ(bench.read(MATRIX_INT_STATUS), 0u);
        EXPECT_EQ(bench.read_perf(MATRIX_PERF_MACS_LO), 0u);

        const GemmCommand c = dense_command(24, 24, 24);
        fill_operands(bench, c, 2);
        const std::vector<uint8_t> expected = reference_c(bench, c, {});
        bench.submit(c);
        bench.wait_idle();
        EXPECT_EQ(bench.read(MATRIX_DONE_COUNT), 1u);
        EXPECT_EQ(first_difference(expected, bench.host(c.c)), -1);
    });
    sc_start();
}

TEST(MatrixEngineErrors, DoorbellWithoutBitZeroQueuesNothing) {
    MatrixBench bench;
    bench.cpu.run([&] {
        bench.write(MATRIX_DOORBELL, 2);
        wait(1, SC_US);
        EXPECT_EQ(bench.read(MATRIX_QUEUE_USED), 0u);
        EXPECT_EQ(bench.read(MATRIX_ERROR_CODE), uint32_t{MATRIX_ERR_NONE});
    });
    sc_start();
}

TEST(MatrixEngineConfigCheck, EachBadFieldIsNamed) {
    auto message = [](void (*change)(MatrixEngineConfig&)) -> std::string {
        MatrixEngineConfig c;
        change(c);
        try {
            c.validate();
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
        return "accepted";
    };
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.clock_hz = 0; }).find("clock_hz"),
              std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.array.rows = 0; }).find("rows"),
              std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.array.cols = 300; }).find("cols"),
              std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.queue_depth = 1; }).find("queue_depth"),
              std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.array.spad_bytes = 100; }).find("spad_bytes"),
              std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.array.acc_bytes = 0; }).find("acc_bytes"),
              std::string::npos);
    EXPECT_NE(
        message([](MatrixEngineConfig& c) { c.mac.norm_group_bits = 4; }).find("norm_group_bits"),
        std::string::npos);
    EXPECT_NE(message([](MatrixEngineConfig& c) { c.dma.outstanding = 0; }).find("outstanding"),
              std::string::npos);
    EXPECT_EQ(message([](MatrixEngineConfig&) {}), "accepted");
}
