/* The matrix engine's result computed on the RISC-V host, bit for bit (exact MAC mode,
 * docs/matrix-numerics.md): every output element starts from its initial accumulator and
 * takes, for k = 0 .. K-1 in order, acc = fmaf(a[i][k], b[k][j], acc) on the operands widened
 * from bf16; fmaf is the F extension's fmadd.s, rounding to nearest even once per step.
 * The result is then stored as fp32, or rounded to bf16 (nearest even, canonical NaN).
 *
 * Initial accumulator (docs/matrix-firmware.md): +0, or C's old value with
 * MATRIX_FLAG_ACCUMULATE (read in the output format), or bias[j] with MATRIX_FLAG_BIAS, or
 * the fp32 sum C + bias[j] with both. */
#ifndef DRIVERS_MATRIX_REF_H
#define DRIVERS_MATRIX_REF_H

#include <stdint.h>
#include <string.h>
#include "matrix.h"

static inline uint32_t matrix_float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static inline float matrix_float_from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* Exact: a bf16 is the top half of an fp32. */
static inline float matrix_bf16_to_float(uint16_t b) { return matrix_float_from_bits((uint32_t)b << 16); }

/* Round to nearest even on the bits; every NaN becomes 0x7fc0. */
static inline uint16_t matrix_float_to_bf16(float f)
{
    uint32_t u = matrix_float_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u)
        return 0x7fc0u;
    return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

/* The initial accumulator of element (i, j), read from g's C and bias. */
float matrix_ref_initial(const struct matrix_gemm *g, uint32_t i, uint32_t j);

/* acc after the K multiply-adds of element (i, j). */
float matrix_ref_dot(const struct matrix_gemm *g, uint32_t i, uint32_t j, float acc);

/* The whole result, written to out (g's output format, ldo elements from row to row; out
 * may be g's C itself). */
void matrix_ref_gemm(const struct matrix_gemm *g, void *out, uint32_t ldo);

/* Bits of element (i, j) of a result in g's output format: fp32 bits, or bf16 bits. */
uint32_t matrix_ref_element_bits(const struct matrix_gemm *g, const void *c, uint32_t ldc,
                                 uint32_t i, uint32_t j);

#endif
