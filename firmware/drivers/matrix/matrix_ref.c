/* CPU reference of the matrix engine (matrix_ref.h). fmaf is expanded to fmadd.s by the
 * compiler (-march=rv32imafc): no libm call, one rounding per step as the engine does. */
#include "matrix_ref.h"

#include <math.h>

static inline const void *ptr(uint64_t addr) { return (const void *)(uintptr_t)addr; }

static bool out_bf16(const struct matrix_gemm *g) { return (g->flags & MATRIX_FLAG_OUT_BF16) != 0; }

uint32_t matrix_ref_element_bits(const struct matrix_gemm *g, const void *c, uint32_t ldc,
                                 uint32_t i, uint32_t j)
{
    size_t at = (size_t)i * ldc + j;
    return out_bf16(g) ? ((const uint16_t *)c)[at] : ((const uint32_t *)c)[at];
}

float matrix_ref_initial(const struct matrix_gemm *g, uint32_t i, uint32_t j)
{
    float acc = 0.0f;
    if (g->flags & MATRIX_FLAG_ACCUMULATE) {
        uint32_t bits = matrix_ref_element_bits(g, ptr(g->c), matrix_gemm_ldc(g), i, j);
        acc = out_bf16(g) ? matrix_bf16_to_float((uint16_t)bits) : matrix_float_from_bits(bits);
    }
    if (g->flags & MATRIX_FLAG_BIAS) {
        float bias = ((const float *)ptr(g->bias))[j];
        acc = (g->flags & MATRIX_FLAG_ACCUMULATE) ? acc + bias : bias;
    }
    return acc;
}

float matrix_ref_dot(const struct matrix_gemm *g, uint32_t i, uint32_t j, float acc)
{
    const uint16_t *a = (const uint16_t *)ptr(g->a) + (size_t)i * matrix_gemm_lda(g);
    const uint16_t *b = ptr(g->b);
    uint32_t ldb = matrix_gemm_ldb(g);
    if (g->flags & MATRIX_FLAG_B_TRANSPOSED) {
        b += (size_t)j * ldb;
        for (uint32_t k = 0; k < g->k; ++k)
            acc = fmaf(matrix_bf16_to_float(a[k]), matrix_bf16_to_float(b[k]), acc);
    } else {
        b += j;
        for (uint32_t k = 0; k < g->k; ++k, b += ldb)
            acc = fmaf(matrix_bf16_to_float(a[k]), matrix_bf16_to_float(*b), acc);
    }
    return acc;
}

void matrix_ref_gemm(const struct matrix_gemm *g, void *out, uint32_t ldo)
{
    for (uint32_t i = 0; i < g->m; ++i)
        for (uint32_t j = 0; j < g->n; ++j) {
            /* Read the initial value before the store: out may be C itself. */
            float acc = matrix_ref_dot(g, i, j, matrix_ref_initial(g, i, j));
            size_t at = (size_t)i * ldo + j;
            if (out_bf16(g))
                ((uint16_t *)out)[at] = matrix_float_to_bf16(acc);
            else
                ((float *)out)[at] = acc;
        }
}
