/* GEMM operands and result checksums that the firmware (gemm_bench, gemm_test) and the host
 * tool (sw/gemm_ref) produce identically, so that a large result computed on the host can be
 * compared with the engine's by one 32-bit checksum instead of megabytes of golden data.
 * Plain C99 with static inline functions: included by C firmware and C++ host code alike.
 * docs/matrix-firmware.md describes the format.
 *
 * Values: a xorshift32 stream per (seed, stream id); each draw r gives the bf16
 *   sign = bit 31, exponent field = 120 + bits 30..28, fraction = bits 6..0,
 * i.e. magnitudes in [2^-7, 2) with all fraction patterns: products round, sums of a few
 * thousand terms stay far from overflow. fp32 operands (bias, fp32 accumulate input) are the
 * widened bf16 draws. A stored matrix rows x cols (for a transposed B: N x K) is drawn in
 * storage row-major order; padding beyond cols in each row is not written. */
#ifndef ACCELVP_SW_GEMM_DATA_H
#define ACCELVP_SW_GEMM_DATA_H

#include <stddef.h>
#include <stdint.h>

/* Stream ids: one independent sequence per operand. */
#define GEMM_STREAM_A    1u
#define GEMM_STREAM_B    2u
#define GEMM_STREAM_C    3u /* accumulate input */
#define GEMM_STREAM_BIAS 4u

/* Mixing seed and stream through odd multipliers keeps nearby seeds apart; xorshift32 must
 * not start at 0. */
static inline uint32_t gemm_rng_init(uint32_t seed, uint32_t stream)
{
    uint32_t s = seed * 0x9e3779b9u + stream * 0x85ebca6bu + 0x2545f491u;
    s ^= s >> 16;
    s *= 0x7feb352du;
    s ^= s >> 15;
    return s ? s : 1u;
}

static inline uint32_t gemm_rng_next(uint32_t *state)
{
    uint32_t s = *state;
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    *state = s;
    return s;
}

static inline uint16_t gemm_data_bf16(uint32_t r)
{
    return (uint16_t)(((r >> 31) << 15) | ((120u + ((r >> 28) & 7u)) << 7) | (r & 0x7fu));
}

/* rows x cols bf16 values, ld elements apart from row to row. */
static inline void gemm_data_fill_bf16(uint16_t *dst, uint32_t rows, uint32_t cols, uint32_t ld,
                                       uint32_t seed, uint32_t stream)
{
    uint32_t state = gemm_rng_init(seed, stream);
    for (uint32_t i = 0; i < rows; ++i)
        for (uint32_t j = 0; j < cols; ++j)
            dst[(size_t)i * ld + j] = gemm_data_bf16(gemm_rng_next(&state));
}

/* The same draws widened to fp32, as bit patterns (no float arithmetic involved). */
static inline void gemm_data_fill_f32_bits(uint32_t *dst, uint32_t rows, uint32_t cols,
                                           uint32_t ld, uint32_t seed, uint32_t stream)
{
    uint32_t state = gemm_rng_init(seed, stream);
    for (uint32_t i = 0; i < rows; ++i)
        for (uint32_t j = 0; j < cols; ++j)
            dst[(size_t)i * ld + j] = (uint32_t)gemm_data_bf16(gemm_rng_next(&state)) << 16;
}

/* Checksum of a result: FNV-1a over the M x N output elements in row-major order, one 32-bit
 * step per element (its fp32 bits, or its bf16 bits zero-extended), padding excluded. */
#define GEMM_CHECKSUM_INIT 0x811c9dc5u

static inline uint32_t gemm_checksum_step(uint32_t h, uint32_t element_bits)
{
    return (h ^ element_bits) * 0x01000193u;
}

static inline uint32_t gemm_checksum_f32(const uint32_t *c, uint32_t m, uint32_t n, uint32_t ldc)
{
    uint32_t h = GEMM_CHECKSUM_INIT;
    for (uint32_t i = 0; i < m; ++i)
        for (uint32_t j = 0; j < n; ++j)
            h = gemm_checksum_step(h, c[(size_t)i * ldc + j]);
    return h;
}

static inline uint32_t gemm_checksum_bf16(const uint16_t *c, uint32_t m, uint32_t n, uint32_t ldc)
{
    uint32_t h = GEMM_CHECKSUM_INIT;
    for (uint32_t i = 0; i < m; ++i)
        for (uint32_t j = 0; j < n; ++j)
            h = gemm_checksum_step(h, c[(size_t)i * ldc + j]);
    return h;
}

#endif
