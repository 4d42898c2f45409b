// A bench for the matrix engine, shared by its unit tests and bench/matrix_bench.cpp: a
// TestInitiator reaches the engine's registers through an interconnect, the engine's DMA
// reaches memory through the same interconnect, and the memory is either untimed (Memory)
// or the timed DDR4-3200 DRAM of the default board (DramTarget). Also the reference GEMM,
// written out plainly with the scalar mac() in the engine's k order, and data generators.
// Header-only: every tests/unit/**/*_test.cpp is its own executable.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <systemc>
#include <vector>

#include "ip/dram/dram_target.h"
#include "ip/interconnect/interconnect.h"
#include "ip/matrix/bf16.h"
#include "ip/matrix/mac.h"
#include "ip/matrix/matrix_engine.h"
#include "ip/matrix/matrix_regs.h"
#include "ip/memory/memory.h"
#include "tests/unit/support/irq_recorder.h"
#include "tests/unit/support/test_initiator.h"

namespace accelvp::test {

constexpr uint64_t kMatrixRegs = 0x1100'0000;
constexpr uint64_t kMemBase = 0x8000'0000;
constexpr uint64_t kMemBytes = uint64_t{64} << 20;
constexpr uint64_t kUnmapped = 0x4000'0000;  // no window of the bench's bus

enum class MemoryKind { Untimed, Ddr4 };

class MatrixBench {
public:
    Interconnect bus{"bus", InterconnectConfig{}};
    std::unique_ptr<Memory> memory;
    std::unique_ptr<DramTarget> dram;
    MatrixEngine engine;
    TestInitiator cpu{"cpu"};
    IrqRecorder irqs;

    explicit MatrixBench(const MatrixEngineConfig& config = {},
                         MemoryKind kind = MemoryKind::Untimed)
        : engine("matrix", config) {
        bus.connect_initiator("cpu", cpu.socket);
        bus.connect_initiator("matrix", engine.dma.socket);
        bus.add_target("matrix_regs", kMatrixRegs, 0x1'0000, engine.socket);
        if (kind == MemoryKind::Untimed) {
            memory =
                std::make_unique<Memory>("mem", kMemBytes, sc_core::sc_time(10, sc_core::SC_NS));
            bus.add_target("mem", kMemBase, kMemBytes, memory->socket);
        } else {
            DramTargetConfig dram_config;
            dram_config.size = kMemBytes;
            dram = std::make_unique<DramTarget>(
                "dram",
                dram::DramSpec::load(std::string(ACCELVP_SOURCE_DIR) +
                                     "/platform/presets/dram/ddr4-3200.json"),
                dram_config);
            bus.add_target("mem", kMemBase, kMemBytes, dram->socket);
        }
        engine.irq.bind(irqs, 0);
    }

    uint8_t* host(uint64_t address) {
        return (memory ? memory->data() : dram->data()) + (address - kMemBase);
    }

    uint32_t read(uint64_t offset) { return uint32_t(cpu.read(kMatrixRegs + offset, 4).data); }
    BusResult write(uint64_t offset, uint32_t value) {
        return cpu.write(kMatrixRegs + offset, value, 4);
    }
    // A 64-bit performance counter: LO, then HI as latched by the LO read.
    uint64_t read_perf(uint64_t lo_offset) {
        const uint64_t lo = read(lo_offset);
        return lo | uint64_t{read(lo_offset + 4)} << 32;
    }

    // Writes the command registers and rings the doorbell.
    BusResult submit(const matrix::GemmCommand& c) {
        const std::pair<uint64_t, uint64_t> addresses[] = {
            {MATRIX_A_LO, c.a}, {MATRIX_B_LO, c.b}, {MATRIX_C_LO, c.c}, {MATRIX_BIAS_LO, c.bias}};
        for (const auto& [lo, value] : addresses) {
            write(lo, uint32_t(value));
            write(lo + 4, uint32_t(value >> 32));
        }
        const std::pair<uint64_t, uint32_t> fields[] = {
            {MATRIX_M, c.m},     {MATRIX_N, c.n},     {MATRIX_K, c.k},        {MATRIX_LDA, c.lda},
            {MATRIX_LDB, c.ldb}, {MATRIX_LDC, c.ldc}, {MATRIX_FLAGS, c.flags}};
        for (const auto& [offset, value] : fields) write(offset, value);
        return write(MATRIX_DOORBELL, 1);
    }

    // Polls QUEUE_USED until every command has ended.
    void wait_idle(sc_core::sc_time poll = sc_core::sc_time(100, sc_core::SC_NS)) {
        while (read(MATRIX_QUEUE_USED) != 0) sc_core::wait(poll);
    }
};

// A dense command for A, B and C placed one after another from `base`.
inline matrix::GemmCommand dense_command(uint32_t m, uint32_t n, uint32_t k, uint32_t flags = 0,
                                         uint64_t base = kMemBase) {
    matrix::GemmCommand c;
    c.m = m, c.n = n, c.k = k, c.flags = flags;
    c.lda = k;
    c.ldb = c.b_transposed() ? k : n;
    c.ldc = n;
    c.a = base;
    c.b = c.a + (uint64_t{m} * k * 2 + 63) / 64 * 64;
    c.c = c.b + (uint64_t{k} * n * 2 + 63) / 64 * 64;
    c.bias = c.c + (uint64_t{m} * n * 4 + 63) / 64 * 64;
    return c;
}

// Bytes from an operand's first element to one past its last.
inline uint64_t span_bytes(uint32_t rows, uint32_t row_elements, uint32_t leading,
                           uint32_t element_bytes) {
    return (uint64_t{rows - 1} * leading + row_elements) * element_bytes;
}

inline uint64_t c_span_bytes(const matrix::GemmCommand& c) {
    return span_bytes(c.m, c.n, c.ldc, c.c_element_bytes());
}

// Fills `count` bf16 values from N(0, scale) (raw bit patterns, little-endian).
inline void fill_bf16(uint8_t* dst, uint64_t count, uint64_t seed, float scale = 1.0f) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    for (uint64_t i = 0; i < count; ++i) {
        const uint16_t v = matrix::float_to_bf16(dist(rng));
        std::memcpy(dst + 2 * i, &v, 2);
    }
}

inline void fill_fp32(uint8_t* dst, uint64_t count, uint64_t seed, float scale = 1.0f) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    for (uint64_t i = 0; i < count; ++i) {
        const float v = dist(rng);
        std::memcpy(dst + 4 * i, &v, 4);
    }
}

// Fills every operand the command reads (and the whole span of C, padding included).
inline void fill_operands(MatrixBench& bench, const matrix::GemmCommand& c, uint64_t seed) {
    fill_bf16(bench.host(c.a), span_bytes(c.m, c.k, c.lda, 2) / 2, seed);
    const uint32_t b_rows = c.b_transposed() ? c.n : c.k, b_row = c.b_transposed() ? c.k : c.n;
    fill_bf16(bench.host(c.b), span_bytes(b_rows, b_row, c.ldb, 2) / 2, seed + 1);
    if (c.out_bf16())
        fill_bf16(bench.host(c.c), c_span_bytes(c) / 2, seed + 2);
    else
        fill_fp32(bench.host(c.c), c_span_bytes(c) / 4, seed + 2);
    if (c.has_bias()) fill_fp32(bench.host(c.bias), c.n, seed + 3);
}

// The span of C as the engine must leave it, from the memory as it is now (before the
// command runs): each output starts from 0, C (ACCUMULATE), the bias (BIAS) or C + bias,
// accumulates mac(a[i][k], b[k][j]) for k = 0, 1, ..., K-1, and is stored as fp32 or as
// bf16 rounded to nearest even. Padding between C's rows is left as it is.
inline std::vector<uint8_t> reference_c(MatrixBench& bench, const matrix::GemmCommand& c,
                                        const matrix::MacConfig& mac) {
    auto bf16_at = [&](uint64_t address) {
        uint16_t v;
        std::memcpy(&v, bench.host(address), 2);
        return v;
    };
    auto fp32_at = [&](uint64_t address) {
        float v;
        std::memcpy(&v, bench.host(address), 4);
        return v;
    };
    const uint32_t es = c.c_element_bytes();
    std::vector<uint8_t> out(bench.host(c.c), bench.host(c.c) + c_span_bytes(c));
    for (uint32_t i = 0; i < c.m; ++i) {
        for (uint32_t j = 0; j < c.n; ++j) {
            const uint64_t c_offset = (uint64_t{i} * c.ldc + j) * es;
            float acc = 0.0f;
            if (c.accumulate())
                acc = c.out_bf16() ? matrix::bf16_to_float(bf16_at(c.c + c_offset))
                                   : fp32_at(c.c + c_offset);
            if (c.has_bias()) {
                const float bias = fp32_at(c.bias + uint64_t{j} * 4);
                acc = c.accumulate() ? acc + bias : bias;
            }
            for (uint32_t k = 0; k < c.k; ++k) {
                const uint16_t a = bf16_at(c.a + (uint64_t{i} * c.lda + k) * 2);
                const uint64_t b_index =
                    c.b_transposed() ? uint64_t{j} * c.ldb + k : uint64_t{k} * c.ldb + j;
                acc = matrix::mac(a, bf16_at(c.b + b_index * 2), acc, mac);
            }
            if (c.out_bf16()) {
                const uint16_t v = matrix::float_to_bf16(acc);
                std::memcpy(&out[c_offset], &v, 2);
            } else {
                std::memcpy(&out[c_offset], &acc, 4);
            }
        }
    }
    return out;
}

// Index of the first differing byte, or -1.
inline int64_t first_difference(const std::vector<uint8_t>& expected, const uint8_t* actual) {
    for (size_t i = 0; i < expected.size(); ++i)
        if (expected[i] != actual[i]) return int64_t(i);
    return -1;
}

}  // namespace accelvp::test
