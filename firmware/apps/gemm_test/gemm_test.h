/* gemm_test's pieces shared by the shape tests (main.c) and the error tests (errors.c). */
#ifndef APPS_GEMM_TEST_H
#define APPS_GEMM_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "drivers/matrix/matrix.h"

#define PAD_BF16 0x7fa1u      /* a NaN the generator never draws */
#define SENTINEL_BYTE 0xa5u   /* C's padding and guard */
#define C_GUARD_BYTES 64u     /* checked after C's last row */

struct shape {
    uint32_t m, n, k;
    uint32_t lda_pad, ldb_pad, ldc_pad; /* elements beyond the row */
    uint32_t flags;
    bool specials;
};

/* A GEMM with generated operands in the arena and its reference result (dense, ld = n). */
struct problem {
    struct matrix_gemm g;
    void *c, *ref;
    size_t c_bytes; /* C's rows and the guard */
    uint32_t seed;
};

/* Allocates and fills A, B, bias and C, computes the reference. False: out of DRAM. */
bool problem_init(struct problem *p, const struct shape *s, uint32_t seed);
/* C back to its initial contents (sentinel, and the accumulate input). */
void problem_reset_c(const struct problem *p);
/* c against the reference, padding and guard untouched; explains a failure in detail. */
bool problem_check_c(const struct problem *p, const void *c, char *detail, size_t size);
/* Runs p on the engine (matrix_run) and checks everything about it. */
bool run_and_check(const struct problem *p, bool irq, char *detail, size_t size);

size_t out_bytes(uint32_t flags);
void describe_shape(char *buf, size_t size, const char *prefix, const struct matrix_gemm *g);
/* One result line; counts the case. */
void report(const char *what, bool ok, const char *detail);

void test_errors(const struct matrix_info *info);

#endif
