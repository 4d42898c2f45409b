/* gemm_test: self-checking test of the matrix engine and its driver. Every result is
 * compared bit for bit with the RISC-V's own computation (drivers/matrix/matrix_ref.h, the
 * engine's exact-mode numerics), in both completion modes (polling and interrupt):
 *  - the reference itself against checksums from the host tool (sw/gemm_ref), first, so that
 *    a wrong reference cannot pass unnoticed;
 *  - shapes: 1x1x1, sizes that are not multiples of the array, tall, wide, deep and K = 1,
 *    leading dimensions beyond the row, transposed B, accumulate, bias, fp32 and bf16 output,
 *    special values (zeros, infinities, NaN, subnormals, the largest values);
 *  - errors (errors.c): each gives its code and leaves the engine usable.
 * Operand padding holds NaNs (reading it would show), and C's padding and the bytes after C
 * a sentinel (writing them would show). One line per case, then
 *   gemm_test: <n> cases, all passed      (exit 0)
 *   gemm_test: <n> cases, <f> FAILED      (exit 1)
 * Exit 2: no engine on this board. */
#include <stdio.h>
#include <string.h>
#include "../gemm_common/arena.h"
#include "bsp/bsp.h"
#include "drivers/matrix/matrix_ref.h"
#include "gemm_test.h"
#include "sw/gemm_ref/gemm_data.h"

/* Checksums of the reference's results on generated data, computed by the host tool:
 *   gemm_ref --m 23 --n 17 --k 29 --seed 7 --checksum
 *   gemm_ref --m 21 --n 18 --k 26 --seed 8 --transpose-b --accumulate --bias --out-bf16
 *            --checksum
 * tests/unit/sw/gemm_ref_test.cpp holds the same values. */
static const struct {
    struct shape shape;
    uint32_t seed, checksum;
} selfchecks[] = {
    {{23, 17, 29, 0, 0, 0, 0, false}, 7, 0x4758e7a3u},
    {{21, 18, 26, 0, 0, 0,
      MATRIX_FLAG_B_TRANSPOSED | MATRIX_FLAG_ACCUMULATE | MATRIX_FLAG_BIAS | MATRIX_FLAG_OUT_BF16,
      false},
     8, 0x840120a3u},
};

#define BT MATRIX_FLAG_B_TRANSPOSED
#define ACC MATRIX_FLAG_ACCUMULATE
#define BIAS MATRIX_FLAG_BIAS
#define BF16 MATRIX_FLAG_OUT_BF16

static const struct shape shapes[] = {
    /* m, n, k, padding of A/B/C rows, flags, special values */
    {1, 1, 1, 0, 0, 0, 0, false},
    {16, 16, 16, 0, 0, 0, 0, false},
    {17, 19, 23, 0, 0, 0, 0, false},
    {33, 7, 65, 0, 0, 0, 0, false},
    {257, 5, 31, 0, 0, 0, 0, false},   /* tall */
    {4, 300, 17, 0, 0, 0, 0, false},   /* wide */
    {3, 2, 500, 0, 0, 0, 0, false},    /* deep */
    {40, 40, 1, 0, 0, 0, 0, false},    /* K = 1 */
    {65, 70, 48, 0, 0, 0, 0, false},   /* several tiles each way */
    {20, 21, 22, 5, 3, 7, 0, false},   /* strides beyond the row */
    {18, 33, 20, 0, 0, 0, BT, false},
    {18, 33, 20, 4, 6, 2, BT, false},
    {19, 24, 17, 0, 0, 0, BF16, false},
    {19, 24, 17, 0, 0, 0, ACC, false},
    {19, 24, 17, 0, 0, 0, ACC | BF16, false},
    {19, 24, 17, 2, 2, 2, BIAS, false},
    {19, 24, 17, 0, 0, 0, BIAS | BF16 | BT, false},
    {19, 24, 17, 3, 1, 5, ACC | BIAS, false},
    {35, 29, 41, 1, 2, 3, ACC | BIAS | BT | BF16, false},
    {24, 24, 24, 0, 0, 0, 0, true},
    {24, 24, 24, 0, 0, 0, BF16 | ACC, true},
};

static unsigned cases, failures;

void report(const char *what, bool ok, const char *detail)
{
    ++cases;
    if (!ok)
        ++failures;
    if (bsp_on_accelvp())
        sim_check(cases, ok);
    printf("  %-64s %s%s%s\n", what, ok ? "ok" : "FAIL", detail[0] ? ": " : "", detail);
}

size_t out_bytes(uint32_t flags) { return (flags & MATRIX_FLAG_OUT_BF16) ? 2 : 4; }

static uint32_t b_rows(const struct matrix_gemm *g)
{
    return (g->flags & MATRIX_FLAG_B_TRANSPOSED) ? g->n : g->k;
}

static uint32_t b_cols(const struct matrix_gemm *g)
{
    return (g->flags & MATRIX_FLAG_B_TRANSPOSED) ? g->k : g->n;
}

/* Values the generator never draws, each a case of its own for the MAC. */
static void sprinkle_specials(uint16_t *a, uint32_t lda, uint16_t *b, uint32_t ldb)
{
    static const uint16_t values[] = {0x0000, 0x8000, 0x7f80, 0xff80, 0x7fc0, 0x0001,
                                      0x8071, 0x7f7f, 0xff7f, 0x0080, 0x3f80, 0x4f80};
    for (unsigned v = 0; v < sizeof values / sizeof values[0]; ++v) {
        a[(size_t)(v + 1) * lda + (3 * v) % 24] = values[v];
        b[(size_t)((5 * v + 2) % 24) * ldb + v + 7] = values[v];
    }
    for (uint32_t k = 0; k < 24; ++k)
        a[(size_t)20 * lda + k] = 0x8000; /* a row of -0: every product of it is a zero */
}

bool problem_init(struct problem *p, const struct shape *s, uint32_t seed)
{
    struct matrix_gemm *g = &p->g;
    *g = (struct matrix_gemm){.m = s->m, .n = s->n, .k = s->k, .flags = s->flags};
    g->lda = s->k + s->lda_pad;
    g->ldb = b_cols(g) + s->ldb_pad;
    g->ldc = s->n + s->ldc_pad;
    size_t ob = out_bytes(s->flags);
    size_t a_bytes = (size_t)g->m * g->lda * 2, b_bytes = (size_t)b_rows(g) * g->ldb * 2;
    p->c_bytes = (size_t)g->m * g->ldc * ob + C_GUARD_BYTES;
    p->seed = seed;
    uint16_t *a = arena_alloc(a_bytes), *b = arena_alloc(b_bytes);
    uint32_t *bias = arena_alloc((size_t)g->n * 4);
    p->c = arena_alloc(p->c_bytes);
    p->ref = arena_alloc((size_t)g->m * g->n * ob);
    if (!a || !b || !bias || !p->c || !p->ref)
        return false;

    /* NaN padding: a read of it would turn results into NaNs. */
    for (size_t i = 0; i < a_bytes / 2; ++i)
        a[i] = PAD_BF16;
    for (size_t i = 0; i < b_bytes / 2; ++i)
        b[i] = PAD_BF16;
    gemm_data_fill_bf16(a, g->m, g->k, g->lda, seed, GEMM_STREAM_A);
    gemm_data_fill_bf16(b, b_rows(g), b_cols(g), g->ldb, seed, GEMM_STREAM_B);
    gemm_data_fill_f32_bits(bias, 1, g->n, g->n, seed, GEMM_STREAM_BIAS);
    if (s->specials)
        sprinkle_specials(a, g->lda, b, g->ldb);
    g->a = bus_addr(a);
    g->b = bus_addr(b);
    g->c = bus_addr(p->c);
    g->bias = bus_addr(bias);

    problem_reset_c(p);
    matrix_ref_gemm(g, p->ref, g->n);
    return true;
}

void problem_reset_c(const struct problem *p)
{
    const struct matrix_gemm *g = &p->g;
    memset(p->c, SENTINEL_BYTE, p->c_bytes);
    if (!(g->flags & MATRIX_FLAG_ACCUMULATE))
        return;
    if (g->flags & MATRIX_FLAG_OUT_BF16)
        gemm_data_fill_bf16(p->c, g->m, g->n, g->ldc, p->seed, GEMM_STREAM_C);
    else
        gemm_data_fill_f32_bits(p->c, g->m, g->n, g->ldc, p->seed, GEMM_STREAM_C);
}

/* Compares C with the reference and checks that padding and guard kept the sentinel. The
 * detail names C's checksum either way, so that two runs (the model and the RTL backend, say)
 * can be compared on every output bit by their logs. */
bool problem_check_c(const struct problem *p, const void *c, char *detail, size_t size)
{
    const struct matrix_gemm *g = &p->g;
    size_t ob = out_bytes(g->flags);
    unsigned long checksum = (g->flags & MATRIX_FLAG_OUT_BF16)
                                 ? gemm_checksum_bf16(c, g->m, g->n, g->ldc)
                                 : gemm_checksum_f32(c, g->m, g->n, g->ldc);
    unsigned wrong = 0, first_i = 0, first_j = 0;
    uint32_t got = 0, want = 0;
    for (uint32_t i = 0; i < g->m; ++i)
        for (uint32_t j = 0; j < g->n; ++j) {
            uint32_t x = matrix_ref_element_bits(g, c, g->ldc, i, j);
            uint32_t y = matrix_ref_element_bits(g, p->ref, g->n, i, j);
            if (x != y && wrong++ == 0) {
                first_i = i, first_j = j;
                got = x, want = y;
            }
        }
    if (wrong) {
        snprintf(detail, size,
                 "%u of %lu elements differ, first (%u,%u) 0x%08lx, want 0x%08lx; C checksum "
                 "0x%08lx",
                 wrong, (unsigned long)g->m * g->n, first_i, first_j, (unsigned long)got,
                 (unsigned long)want, checksum);
        return false;
    }
    const uint8_t *bytes = c;
    size_t rows_bytes = (size_t)g->m * g->ldc * ob;
    for (size_t at = 0; at < rows_bytes + C_GUARD_BYTES; ++at) {
        bool padding = at >= rows_bytes || (at / ob) % g->ldc >= g->n;
        if (padding && bytes[at] != SENTINEL_BYTE) {
            snprintf(detail, size, "byte %lu of C (padding or beyond) was written",
                     (unsigned long)at);
            return false;
        }
    }
    snprintf(detail, size, "C checksum 0x%08lx", checksum);
    return true;
}

void describe_shape(char *buf, size_t size, const char *prefix, const struct matrix_gemm *g)
{
    snprintf(buf, size, "%s%lux%lux%lu ld %lu/%lu/%lu%s%s%s%s", prefix, (unsigned long)g->m,
             (unsigned long)g->n, (unsigned long)g->k, (unsigned long)g->lda,
             (unsigned long)g->ldb, (unsigned long)g->ldc,
             (g->flags & MATRIX_FLAG_B_TRANSPOSED) ? " bt" : "",
             (g->flags & MATRIX_FLAG_ACCUMULATE) ? " acc" : "",
             (g->flags & MATRIX_FLAG_BIAS) ? " bias" : "",
             (g->flags & MATRIX_FLAG_OUT_BF16) ? " bf16" : " fp32");
}

/* One GEMM on the engine, checked: result, DONE_COUNT, and in interrupt mode the DONE
 * interrupt. */
bool run_and_check(const struct problem *p, bool irq, char *detail, size_t size)
{
    problem_reset_c(p);
    uint32_t done = matrix_done_count();
    struct matrix_irq_stats before = matrix_irq_stats();
    int err = matrix_run(&p->g);
    if (err) {
        char why[96];
        snprintf(detail, size, "%s", matrix_describe_error(why, sizeof why, matrix_last_error()));
        return false;
    }
    if (matrix_done_count() != done + 1) {
        snprintf(detail, size, "DONE_COUNT went from %lu to %lu", (unsigned long)done,
                 (unsigned long)matrix_done_count());
        return false;
    }
    if (irq && matrix_irq_stats().done == before.done) {
        snprintf(detail, size, "no DONE interrupt");
        return false;
    }
    return problem_check_c(p, p->c, detail, size);
}

static void test_reference(void)
{
    for (unsigned i = 0; i < sizeof selfchecks / sizeof selfchecks[0]; ++i) {
        arena_reset();
        struct problem p;
        char what[96], detail[96] = "";
        bool ok = problem_init(&p, &selfchecks[i].shape, selfchecks[i].seed);
        const struct matrix_gemm *g = &p.g;
        uint32_t sum = (g->flags & MATRIX_FLAG_OUT_BF16)
                           ? gemm_checksum_bf16(p.ref, g->m, g->n, g->n)
                           : gemm_checksum_f32(p.ref, g->m, g->n, g->n);
        describe_shape(what, sizeof what, "reference vs sw/gemm_ref ", g);
        if (ok && sum != selfchecks[i].checksum)
            snprintf(detail, sizeof detail, "checksum 0x%08lx, want 0x%08lx",
                     (unsigned long)sum, (unsigned long)selfchecks[i].checksum);
        report(what, ok && sum == selfchecks[i].checksum, detail);
    }
}

static void test_shapes(void)
{
    for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; ++i) {
        arena_reset();
        struct problem p;
        char what[96], detail[128] = "";
        if (!problem_init(&p, &shapes[i], 100 + i)) {
            report("shape: buffers", false, "out of DRAM");
            continue;
        }
        for (int irq = 0; irq <= 1; ++irq) {
            matrix_irq_init(irq);
            describe_shape(what, sizeof what, irq ? "irq  " : "poll ", &p.g);
            if (shapes[i].specials)
                strncat(what, " specials", sizeof what - strlen(what) - 1);
            bool ok = run_and_check(&p, irq, detail, sizeof detail);
            report(what, ok, detail);
        }
    }
    matrix_irq_init(false);
}

int main(void)
{
    printf("gemm_test: matrix engine against the RISC-V reference\n");
    test_reference();

    struct matrix_info info;
    int err = matrix_probe(&info);
    if (err) {
        printf("gemm_test: no usable matrix engine at 0x%08lx: %s\n",
               (unsigned long)ACCELVP_MATRIX_BASE, matrix_strerror(err));
        return 2;
    }
    printf("gemm_test: engine version %lu.%lu, array %lux%lu, queue %lu, %lu MHz\n",
           (unsigned long)(info.version >> 16), (unsigned long)(info.version & 0xffff),
           (unsigned long)info.array_rows, (unsigned long)info.array_cols,
           (unsigned long)info.queue_depth, (unsigned long)info.clock_mhz);

    test_shapes();
    test_errors(&info);

    if (failures)
        printf("gemm_test: %u cases, %u FAILED\n", cases, failures);
    else
        printf("gemm_test: %u cases, all passed\n", cases);
    return failures ? 1 : 0;
}
