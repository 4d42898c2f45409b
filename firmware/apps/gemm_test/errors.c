/* gemm_test's error cases: each bad command must end with its own error code and
 * ERROR_INFO, not count as done, raise the ERROR interrupt in interrupt mode, and leave the
 * engine ready: a valid GEMM right after it must be correct. */
#include <stdio.h>
#include <string.h>
#include "../gemm_common/arena.h"
#include "gemm_test.h"

/* Between the SRAM and the DRAM: nothing answers there (ARCHITECTURE.md, memory map). */
#define UNMAPPED_ADDR 0x30000000u

enum {
    CASE_ZERO_M,
    CASE_ZERO_N,
    CASE_ZERO_K,
    CASE_TOO_LARGE,
    CASE_BAD_LDA,
    CASE_BAD_LDC,
    CASE_MISALIGNED_A,
    CASE_MISALIGNED_C,
    CASE_UNMAPPED_A,
    CASE_UNMAPPED_C,
    CASE_BAD_FLAGS,
    NUM_CASES
};

static const char *const case_names[NUM_CASES] = {
    "M = 0", "N = 0", "K = 0", "M = 65536", "lda < K", "ldc < N", "A at an odd address",
    "fp32 C at 2 mod 4", "A unmapped", "C unmapped (write)", "unknown flag 0x10",
};

/* ERROR_INFO must lie in [lo, hi]; lo > hi: not checked. */
struct expect {
    int code;
    uint32_t lo, hi;
};

static struct expect exactly(int code, uint32_t info) { return (struct expect){code, info, info}; }

/* Breaks g the way case c says and returns what the engine must report (ERROR_INFO as
 * docs/matrix-engine.md lists it: a register's offset, an address, the FLAGS value). */
static struct expect break_gemm(int c, struct matrix_gemm *g)
{
    struct expect e = {0, 1, 0};
    uint32_t c_span = g->m * g->ldc * (uint32_t)out_bytes(g->flags);
    switch (c) {
    case CASE_ZERO_M: g->m = 0; e = exactly(MATRIX_ERR_ZERO_DIM, MATRIX_M); break;
    case CASE_ZERO_N: g->n = 0; e = exactly(MATRIX_ERR_ZERO_DIM, MATRIX_N); break;
    case CASE_ZERO_K: g->k = 0; e = exactly(MATRIX_ERR_ZERO_DIM, MATRIX_K); break;
    case CASE_TOO_LARGE: g->m = 65536; e = exactly(MATRIX_ERR_DIM_TOO_LARGE, MATRIX_M); break;
    case CASE_BAD_LDA: g->lda = g->k - 1; e = exactly(MATRIX_ERR_BAD_LEADING, MATRIX_LDA); break;
    case CASE_BAD_LDC: g->ldc = g->n - 1; e = exactly(MATRIX_ERR_BAD_LEADING, MATRIX_LDC); break;
    case CASE_MISALIGNED_A:
        g->a += 1;
        e = exactly(MATRIX_ERR_MISALIGNED, (uint32_t)g->a);
        break;
    case CASE_MISALIGNED_C:
        g->c += 2;
        e = exactly(MATRIX_ERR_MISALIGNED, (uint32_t)g->c);
        break;
    case CASE_UNMAPPED_A:
        g->a = UNMAPPED_ADDR;
        e = (struct expect){MATRIX_ERR_DMA, UNMAPPED_ADDR, UNMAPPED_ADDR + g->m * g->lda * 2 - 1};
        break;
    case CASE_UNMAPPED_C:
        g->c = UNMAPPED_ADDR;
        e = (struct expect){MATRIX_ERR_DMA, UNMAPPED_ADDR, UNMAPPED_ADDR + c_span - 1};
        break;
    case CASE_BAD_FLAGS:
        g->flags |= 0x10;
        e = exactly(MATRIX_ERR_BAD_FLAGS, g->flags);
        break;
    }
    return e;
}

/* The valid GEMM run after every error. */
static const struct shape base_shape = {5, 7, 9, 1, 2, 3, 0, false};

static bool check_error(int err, struct expect e, bool irq, struct matrix_irq_stats before,
                        uint32_t done, char *detail, size_t size)
{
    char why[96];
    struct matrix_error last = matrix_last_error();
    if (err != e.code) {
        snprintf(detail, size, "got %s, want %s", matrix_describe_error(why, sizeof why, last),
                 matrix_strerror(e.code));
        return false;
    }
    if (e.lo <= e.hi && (last.info < e.lo || last.info > e.hi)) {
        snprintf(detail, size, "ERROR_INFO 0x%08lx, want 0x%08lx..0x%08lx",
                 (unsigned long)last.info, (unsigned long)e.lo, (unsigned long)e.hi);
        return false;
    }
    if (irq && matrix_irq_stats().errors == before.errors) {
        snprintf(detail, size, "no ERROR interrupt");
        return false;
    }
    if (matrix_done_count() != done) {
        snprintf(detail, size, "a failed command counted as done");
        return false;
    }
    return true;
}

static void test_bad_commands(const struct problem *base, bool irq)
{
    for (int c = 0; c < NUM_CASES; ++c) {
        char what[96], detail[160] = "";
        snprintf(what, sizeof what, "%s error: %s, then a valid GEMM", irq ? "irq " : "poll",
                 case_names[c]);
        struct matrix_gemm g = base->g;
        struct expect e = break_gemm(c, &g);
        problem_reset_c(base);
        uint32_t done = matrix_done_count();
        struct matrix_irq_stats before = matrix_irq_stats();
        int err = matrix_run(&g);
        bool ok = check_error(err, e, irq, before, done, detail, sizeof detail) &&
                  run_and_check(base, irq, detail, sizeof detail);
        report(what, ok, detail);
    }
}

/* Doorbells until STATUS says the queue is full, then one more: that one is dropped with
 * MATRIX_ERR_QUEUE_FULL, every queued one completes correctly. The commands are big enough
 * (96^3) that the CPU posts them faster than the engine runs them. */
static void test_queue_full(const struct matrix_info *info, bool irq)
{
    char what[96], detail[160] = "";
    snprintf(what, sizeof what, "%s error: doorbell with the queue full (depth %lu)",
             irq ? "irq " : "poll", (unsigned long)info->queue_depth);
    arena_reset();
    static const struct shape big = {96, 96, 96, 0, 0, 0, 0, false};
    struct problem p;
    uint32_t max_posts = info->queue_depth + 2;
    void *cs[max_posts + 1];
    bool ok = problem_init(&p, &big, 7);
    for (uint32_t i = 0; ok && i <= max_posts; ++i)
        ok = (cs[i] = arena_alloc(p.c_bytes)) != NULL;
    if (!ok) {
        report(what, false, "out of DRAM");
        return;
    }
    /* Every C ready first: the doorbells must follow each other closely. */
    struct problem q = p;
    for (uint32_t i = 0; i <= max_posts; ++i) {
        q.c = cs[i];
        problem_reset_c(&q);
    }
    uint32_t done = matrix_done_count(), posted = 0;
    while (posted < max_posts && !matrix_queue_full()) {
        q.g.c = bus_addr(cs[posted++]);
        matrix_post(&q.g);
    }
    bool full = matrix_queue_full();
    q.g.c = bus_addr(cs[max_posts]);
    struct matrix_irq_stats before = matrix_irq_stats();
    matrix_post(&q.g);
    int err = matrix_wait();

    if (!full)
        snprintf(detail, sizeof detail, "the queue never became full in %lu doorbells",
                 (unsigned long)posted);
    else
        ok = check_error(err, exactly(MATRIX_ERR_QUEUE_FULL, info->queue_depth), irq, before,
                         done + posted, detail, sizeof detail);
    ok = ok && full;
    for (uint32_t i = 0; ok && i < posted; ++i)
        ok = problem_check_c(&p, cs[i], detail, sizeof detail);
    const uint8_t *dropped = cs[max_posts];
    for (size_t at = 0; ok && at < p.c_bytes; ++at)
        if (dropped[at] != SENTINEL_BYTE) {
            snprintf(detail, sizeof detail, "the dropped command wrote C");
            ok = false;
        }
    ok = ok && run_and_check(&p, irq, detail, sizeof detail);
    report(what, ok, detail);
}

void test_errors(const struct matrix_info *info)
{
    for (int irq = 0; irq <= 1; ++irq) {
        matrix_irq_init(irq);
        arena_reset();
        struct problem base;
        if (!problem_init(&base, &base_shape, 42)) {
            report("errors: buffers", false, "out of DRAM");
            return;
        }
        test_bad_commands(&base, irq);
        test_queue_full(info, irq);
    }
    matrix_irq_init(false);
}
