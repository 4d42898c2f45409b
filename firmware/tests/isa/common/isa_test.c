/* Runner and check bookkeeping for the ISA self-tests (isa_test.h). */
#include <stdio.h>
#include "isa_test.h"
#include "bsp/csr.h"
#include "bsp/trap.h"

/* Filled by isa_group_fail (isa_group.S) from a1/a2 of a failed assembly check. */
uint32_t isa_fail_got, isa_fail_expected;
uint32_t isa_call_group(void (*entry)(void));

volatile struct isa_trap_record isa_trap;

static uint32_t checks_done;      /* checks numbered so far in this image */
static uint32_t first_failed;     /* image-wide number of the first failed check */
static uint32_t failed_count;
static uint32_t group_first_failed, group_failed; /* for the current C group */

static void note_failure(uint32_t number)
{
    ++failed_count;
    if (!first_failed)
        first_failed = number;
}

void isa_check(bool ok, const char *file, int line, const char *what)
{
    ++checks_done;
    if (ok)
        return;
    note_failure(checks_done);
    if (!group_failed++)
        group_first_failed = checks_done;
    printf("    check %lu failed: %s (%s:%d)\n", (unsigned long)checks_done, what, file, line);
}

void isa_check_eq(uint32_t got, uint32_t want, const char *file, int line, const char *what)
{
    isa_check(got == want, file, line, what);
    if (got != want)
        printf("      got 0x%08lx, expected 0x%08lx\n", (unsigned long)got, (unsigned long)want);
}

void isa_run_c_group(const char *name, void (*fn)(void))
{
    uint32_t first = checks_done + 1;
    group_failed = 0;
    fn();
    uint32_t n = checks_done - first + 1;
    if (group_failed)
        printf("%-28s FAIL: %lu of %lu checks failed, first is check %lu\n", name,
               (unsigned long)group_failed, (unsigned long)n, (unsigned long)group_first_failed);
    else
        printf("%-28s ok (%lu checks)\n", name, (unsigned long)n);
}

void isa_run_asm_group(const char *name, void (*entry)(void), uint32_t checks)
{
    uint32_t failed_at = isa_call_group(entry);
    uint32_t base = checks_done;
    checks_done += checks;
    if (!failed_at) {
        printf("%-28s ok (%lu checks)\n", name, (unsigned long)checks);
        return;
    }
    note_failure(base + failed_at);
    printf("%-28s FAIL at check %lu (group check %lu of %lu)", name,
           (unsigned long)(base + failed_at), (unsigned long)failed_at, (unsigned long)checks);
    if (isa_fail_got != isa_fail_expected)
        printf(": got 0x%08lx, expected 0x%08lx", (unsigned long)isa_fail_got,
               (unsigned long)isa_fail_expected);
    printf("; the rest of the group was skipped\n");
}

int isa_finish(const char *image)
{
    if (!failed_count) {
        printf("%s: all %lu checks passed\n", image, (unsigned long)checks_done);
        return 0;
    }
    printf("%s: FAILED, first failed check is %lu\n", image, (unsigned long)first_failed);
    return first_failed > ISA_MAX_EXIT_CODE ? ISA_MAX_EXIT_CODE : (int)first_failed;
}

static void record_exception(struct trap_frame *frame)
{
    isa_trap.count++;
    isa_trap.cause = frame->mcause;
    isa_trap.epc = frame->mepc;
    isa_trap.tval = frame->mtval;
    isa_trap.mstatus = frame->mstatus;
    if (frame->mcause == CAUSE_FETCH_ACCESS || frame->mcause == CAUSE_MISALIGNED_FETCH)
        frame->mepc = frame->x[1]; /* the bad target was reached by a call: return from it */
    else
        trap_skip_instruction(frame);
}

void isa_catch_exceptions(void)
{
    for (unsigned cause = 0; cause < 16; ++cause)
        trap_set_exception_handler(cause, record_exception);
    isa_trap_clear();
}

void isa_release_exceptions(void)
{
    for (unsigned cause = 0; cause < 16; ++cause)
        trap_set_exception_handler(cause, 0);
}

void isa_trap_clear(void)
{
    isa_trap.count = 0;
    isa_trap.cause = isa_trap.epc = isa_trap.tval = isa_trap.mstatus = 0xdeadbeef;
}

bool isa_trapped_once(uint32_t cause) { return isa_trap.count == 1 && isa_trap.cause == cause; }

void isa_check_trap(uint32_t cause, uint32_t epc, uint32_t tval, const char *file, int line)
{
    bool ok = isa_trapped_once(cause) && isa_trap.epc == epc && isa_trap.tval == tval;
    isa_check(ok, file, line, "trap with the expected mcause, mepc and mtval");
    if (!ok)
        printf("      expected 1 trap: mcause %lu mepc 0x%08lx mtval 0x%08lx; "
               "got %lu: mcause 0x%lx mepc 0x%08lx mtval 0x%08lx\n", (unsigned long)cause,
               (unsigned long)epc, (unsigned long)tval, (unsigned long)isa_trap.count,
               (unsigned long)isa_trap.cause, (unsigned long)isa_trap.epc,
               (unsigned long)isa_trap.tval);
}
